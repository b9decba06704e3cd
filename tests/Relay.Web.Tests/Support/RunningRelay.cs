using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Relay.Core.Devices;
using Relay.Web.Hosting;

namespace Relay.Testing;

/// <summary>The real relay executable's host, in-process: Kestrel and the embedded broker on free loopback ports,
/// a temporary LiteDB file, devices declared the way the demo does (Relay:Devices).</summary>
internal sealed class RunningRelay : IAsyncDisposable
{
    private readonly TempDirectory? _ownDirectory;

    private RunningRelay(WebApplication app, TempDirectory? ownDirectory, string storePath)
    {
        App = app;
        _ownDirectory = ownDirectory;
        StorePath = storePath;
        Http = new HttpClient { BaseAddress = app.HttpAddress(), Timeout = Bounded.Timeout };
    }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public string StorePath { get; }

    public int MqttPort => App.MqttEndPoint()!.Port;

    public static async Task<RunningRelay> StartAsync(IEnumerable<(DeviceId Id, string Password)> devices, string? storePath = null, params string[] extraArgs)
    {
        var directory = storePath is null ? new TempDirectory() : null;
        var path = storePath ?? directory!.File("relay.db");
        var args = new List<string> { "--urls=http://127.0.0.1:0", "--Relay:Broker:Port=0", $"--Relay:Store:Path={path}" };
        var i = 0;
        foreach (var (id, password) in devices)
        {
            args.Add($"--Relay:Devices:{i}:Site={id.Site}");
            args.Add($"--Relay:Devices:{i}:Device={id.Device}");
            args.Add($"--Relay:Devices:{i}:Password={password}");
            i++;
        }

        args.AddRange(extraArgs);
        var app = RelayApp.Create([.. args], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new TestOutputLoggerProvider());
        });
        try
        {
            using var token = Bounded.Token();
            await app.StartAsync(token.Token);
        }
        catch
        {
            await app.DisposeAsync();
            directory?.Dispose();
            throw;
        }

        return new RunningRelay(app, directory, path);
    }

    public TestDevice Device((DeviceId Id, string Password) account) => new(account.Id, account.Password, MqttPort);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using var token = Bounded.Token();
        await App.StopAsync(token.Token);
        await App.DisposeAsync();
        _ownDirectory?.Dispose();
    }
}
