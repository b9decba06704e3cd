using System.Net.Http.Json;
using System.Text.Json;
using Edge.Contracts.Messages;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Provisioning.Cli.Tests.Support;
using Relay.Core.Alerts;
using Relay.Core.Devices;
using Relay.Core.Enrolment;
using Relay.Ingest.Tls;
using Relay.Web.Hosting;

namespace Provisioning.Cli.Tests.Device;

/// <summary>
/// The real relay, in this process, as the relay's own enrolment tests start it: HTTPS, the broker's MQTT-over-TLS
/// endpoint, every port free on loopback, a temporary store and CA, a first administrator. Codes are made and boxes
/// revoked through the relay's own services, as its dashboard's endpoints do.
/// </summary>
internal sealed class TestRelay : IAsyncDisposable
{
    public const string Administrator = "admin";

    private readonly string _directory;

    private TestRelay(WebApplication app, string directory)
    {
        App = app;
        _directory = directory;
        Http = new HttpClient { BaseAddress = app.HttpAddress(), Timeout = Waits.Timeout };
    }

    public WebApplication App { get; }

    /// <summary>Where boxes enrol: https://127.0.0.1:port.</summary>
    public Uri HttpsAddress => App.HttpsAddress()!;

    public int MqttTlsPort => App.MqttTlsEndPoint()!.Port;

    /// <summary>Plain HTTP on loopback, for /health.</summary>
    public HttpClient Http { get; }

    public static async Task<TestRelay> StartAsync(params string[] extraArgs)
    {
        var directory = Directory.CreateTempSubdirectory("provision-relay-").FullName;
        string[] args =
        [
            "--urls=http://127.0.0.1:0", "--Relay:Https:Port=0", "--Relay:Broker:Port=0", "--Relay:Broker:TlsEnabled=true", "--Relay:Broker:TlsPort=0",
            $"--Relay:Store:Path={Path.Combine(directory, "relay.db")}", $"--Relay:Admin:User={Administrator}", "--Relay:Admin:Password=admin-password-for-tests",
            .. extraArgs,
        ];
        var app = RelayApp.Create(args, builder => builder.Logging.ClearProviders());
        try
        {
            using var token = Waits.Token();
            await app.StartAsync(token.Token);
        }
        catch
        {
            await app.DisposeAsync();
            Directory.Delete(directory, recursive: true);
            throw;
        }

        return new TestRelay(app, directory);
    }

    /// <summary>A one-time code for the box, and the CA fingerprint shown with it, as an administrator gets them.</summary>
    public async Task<(string Code, string Fingerprint)> CreateCodeAsync(string site, string device)
    {
        var issued = await App.Services.GetRequiredService<DeviceEnrolment>()
            .CreateCodeAsync(new DeviceId(site, device), null, Administrator, TestContext.Current.CancellationToken);
        return (issued.Code, issued.CaFingerprint);
    }

    /// <summary>Revokes the box's certificates (and ends its open session), as the dashboard's Revoke button does.</summary>
    public async Task<RevocationOutcome> RevokeAsync(string site, string device) =>
        await App.Services.GetRequiredService<DeviceRevocation>().RevokeAsync(new DeviceId(site, device), Administrator, TestContext.Current.CancellationToken);

    /// <summary>The events the relay has stored for that box.</summary>
    public async Task<IReadOnlyList<AlertEvent>> StoredEventsAsync(string site, string device)
    {
        var alerts = await App.Services.GetRequiredService<IAlertStore>().GetAlertsAsync(new AlertQuery(Site: site), TestContext.Current.CancellationToken);
        return [.. alerts.Where(a => a.Alert.Device == device).SelectMany(a => a.Events).Select(e => e.Event)];
    }

    public async Task<DeviceRecord?> DeviceAsync(string site, string device)
    {
        var devices = await App.Services.GetRequiredService<DeviceAccounts>().ListAsync(TestContext.Current.CancellationToken);
        return devices.SingleOrDefault(d => d.Id == new DeviceId(site, device));
    }

    /// <summary>How many connections the broker refused for <paramref name="reason"/> (GET /health, broker.denied).</summary>
    public async Task<long> DeniedAsync(string reason)
    {
        var health = await Http.GetFromJsonAsync<JsonElement>("/health", TestContext.Current.CancellationToken);
        return health.GetProperty("broker").TryGetProperty("denied", out var denied) && denied.TryGetProperty(reason, out var count) ? count.GetInt64() : 0;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not a test failure.
        }
    }
}

/// <summary>One relay for the enrolment tests of a class (each test enrols its own device names).</summary>
public sealed class EnrolmentRelayFixture : IAsyncLifetime
{
    internal TestRelay Relay { get; private set; } = null!;

    // Every enrolment here comes from 127.0.0.1: the per-address limit must not be what a test meets by chance.
    public async ValueTask InitializeAsync() => Relay = await TestRelay.StartAsync("--Relay:Enrolment:AttemptsPerMinute=1000");

    public async ValueTask DisposeAsync() => await Relay.DisposeAsync();
}
