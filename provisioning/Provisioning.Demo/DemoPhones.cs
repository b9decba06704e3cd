namespace Provisioning.Demo;

/// <summary>The phones the demo box calls. Placeholder until the virtual phone line lands: nothing answers.</summary>
public sealed class DemoPhones : IAsyncDisposable
{
    private DemoPhones(int port) => Port = port;

    public int Port { get; }

    public static Task<DemoPhones> StartAsync(int port, CancellationToken cancellationToken) => Task.FromResult(new DemoPhones(port));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
