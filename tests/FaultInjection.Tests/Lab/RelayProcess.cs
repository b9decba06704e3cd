using Edge.Testing.Processes;

namespace FaultInjection.Tests.Lab;

/// <summary>The relay as a real process, on fixed ports so that it comes back where the boxes expect it.</summary>
internal sealed class RelayProcess(string directory, IReadOnlyList<string> settings) : IAsyncDisposable
{
    private ChildProcess? _process;

    public int HttpPort { get; } = Ports.Free();

    public string StorePath => Path.Combine(directory, "relay.db");

    public string Output => _process?.Output ?? string.Empty;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _process = ChildProcess.Start("dotnet", [BuildOutputs.RelayWebDll, $"--urls=http://127.0.0.1:{HttpPort}", $"--Relay:Store:Path={StorePath}",
            "--Relay:Broker:WatchdogInterval=00:00:00.500", "--Relay:Broker:ReconnectMaxDelay=00:00:02", "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Relay=Information", .. settings], workingDirectory: directory);
        await _process.WaitForLineAsync(l => l.Contains("Relay ready.", StringComparison.Ordinal), TimeSpan.FromSeconds(60), cancellationToken);
    }

    /// <summary>SIGKILL: the relay (and, in embedded mode, its broker) vanishes mid-whatever.</summary>
    public async Task KillAsync()
    {
        if (_process is not null)
        {
            await _process.KillAsync();
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>SIGTERM, so that the store is closed cleanly and can be read by the test.</summary>
    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(30));
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public async ValueTask DisposeAsync() => await KillAsync();
}
