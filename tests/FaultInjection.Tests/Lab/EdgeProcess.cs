using System.Net.Http.Json;
using System.Text.Json;
using Edge.Testing.Network;
using Edge.Testing.Processes;

namespace FaultInjection.Tests.Lab;

/// <summary>
/// One box as a real process on the virtual board, reaching the broker through a proxy the test controls. Keeps its
/// data directory across kills, like a box keeps its disk across power cuts.
/// </summary>
internal sealed class EdgeProcess : IAsyncDisposable
{
    public const string Button = "panic";

    private readonly string _directory;
    private readonly IReadOnlyList<string> _uplinkSettings;
    private readonly HttpClient _http;
    private ChildProcess? _process;

    public EdgeProcess(string root, string site, string device, string password, TcpProxy proxy, IReadOnlyList<string>? uplinkSettings = null)
    {
        Site = site;
        Device = device;
        Password = password;
        Proxy = proxy;
        _directory = Path.Combine(root, $"{site}.{device}");
        Directory.CreateDirectory(_directory);
        _uplinkSettings = uplinkSettings ?? [];
        File.WriteAllText(SiteFile, $$"""
            site: { id: {{site}}, name: "Site {{site}}", alertTimeoutMinutes: 1 }
            device: { id: {{device}} }
            board: { driver: virtual, pollIntervalMs: 50 }
            buttons:
              - { id: {{Button}}, pin: 17, wiring: normally-open, debounceMs: 5 }
            outputs:
              - { id: siren, kind: siren, pin: 23 }
            scenarios:
              - id: panic
                name: "Panic"
                trigger: { button: {{Button}}, gesture: single }
                siren: { output: siren, pattern: steady, durationSeconds: 2 }
            """);
        HttpPort = Ports.Free();
        _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}"), Timeout = TimeSpan.FromSeconds(5) };
    }

    public string Site { get; }

    public string Device { get; }

    public string Password { get; }

    public TcpProxy Proxy { get; }

    public int HttpPort { get; }

    public bool IsRunning => _process is { HasExited: false };

    public string Output => _process?.Output ?? string.Empty;

    private string SiteFile => Path.Combine(_directory, "site.yaml");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _process = ChildProcess.Start("dotnet", [BuildOutputs.EdgeWorkerDll,
            $"--Edge:SiteFile={SiteFile}", $"--Edge:DataDirectory={_directory}", $"--Edge:LocalApiUrl=http://127.0.0.1:{HttpPort}",
            "--Edge:Uplink:Enabled=true", "--Edge:Uplink:Host=127.0.0.1", $"--Edge:Uplink:Port={Proxy.Port}",
            "--Edge:Uplink:WatchdogInterval=00:00:00.500", "--Edge:Uplink:ReconnectMaxDelay=00:00:02", "--Edge:Uplink:RequestTimeout=00:00:02",
            "--Edge:Uplink:KeepAlive=00:00:05", "--Edge:Uplink:ReceiptTimeout=00:00:03", "--Edge:Uplink:HeartbeatInterval=00:00:05",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information", .. _uplinkSettings],
            new Dictionary<string, string> { ["Edge__Uplink__Password"] = Password }, _directory);
        await _process.WaitForLineAsync(l => l.Contains("Application started", StringComparison.Ordinal), TimeSpan.FromSeconds(60), cancellationToken);
    }

    /// <summary>SIGKILL: the box loses power mid-whatever.</summary>
    public async Task KillAsync()
    {
        if (_process is not null)
        {
            await _process.KillAsync();
            await _process.DisposeAsync();
            _process = null;
        }
    }

    public async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(30));
            await _process.DisposeAsync();
            _process = null;
        }
    }

    /// <summary>
    /// Presses the panic button for 20 ms: true when the box took it, false when it surely did not (refused connection,
    /// an error answer), null when nobody knows (no answer in time, connection lost after sending).
    /// </summary>
    public async Task<bool?> PressAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.PostAsync($"/virtual/buttons/{Button}/press?holdMs=20", null, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.ConnectionError && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The link part of the box's /status (connection, last error, what was sent and receipted), for a report.</summary>
    public async Task<string> LinkReportAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var status = await _http.GetFromJsonAsync<JsonElement>("/status", timeout.Token);
            return status.GetProperty("link").GetRawText();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return "no answer: " + ex.Message;
        }
    }

    /// <summary>The box's outbox (last sequence number, pending events), or null if it does not answer.</summary>
    public async Task<(long LastSeq, int Pending, bool Connected)?> OutboxAsync(CancellationToken cancellationToken)
    {
        try
        {
            var status = await _http.GetFromJsonAsync<JsonElement>("/status", cancellationToken);
            var outbox = status.GetProperty("outbox");
            return (outbox.GetProperty("lastSeq").GetInt64(), outbox.GetProperty("pendingEvents").GetInt32(), status.GetProperty("link").GetProperty("connected").GetBoolean());
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _http.Dispose();
    }
}
