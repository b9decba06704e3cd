using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Relay.Core;
using Relay.Core.Alerts;
using Relay.Core.Certificates;
using Relay.Core.Commands;
using Relay.Core.Devices;
using Relay.Core.Enrolment;
using Relay.Core.Ingest;
using Relay.Core.Sites;
using Relay.Core.Storage;
using Relay.Ingest;
using Relay.Ingest.Authorization;
using Relay.Ingest.Broker;
using Relay.Ingest.Client;
using Relay.Ingest.Tls;

namespace Relay.Testing;

/// <summary>The relay's ingest stack (store, broker or broker client, ingest client and worker) in a real generic
/// host, as production composes it, on loopback and a temporary store.</summary>
internal sealed class RelayUnderTest : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TempDirectory? _directory;

    private RelayUnderTest(IHost host, TempDirectory? directory)
    {
        _host = host;
        _directory = directory;
    }

    public IServiceProvider Services => _host.Services;

    public IngestCounters Counters => Services.GetRequiredService<IngestCounters>();

    public AccessCounters Access => Services.GetRequiredService<AccessCounters>();

    public IAlertStore Store => Services.GetRequiredService<IAlertStore>();

    public SiteStateTracker Sites => Services.GetRequiredService<SiteStateTracker>();

    public RelayCommands Commands => Services.GetRequiredService<RelayCommands>();

    public ICommandStore CommandStore => Services.GetRequiredService<ICommandStore>();

    public IngestClient Client => Services.GetRequiredService<IngestClient>();

    /// <summary>The embedded broker's port (a free one picked at start).</summary>
    public int MqttPort => Services.GetRequiredService<EmbeddedBroker>().BoundEndPoint!.Port;

    /// <summary>The embedded broker's TLS endpoint (client certificates), on a free port.</summary>
    public int MqttTlsPort => Services.GetRequiredService<EmbeddedBroker>().BoundTlsEndPoint!.Port;

    public TlsMaterial Tls => Services.GetRequiredService<TlsMaterial>();

    public DeviceEnrolment Enrolment => Services.GetRequiredService<DeviceEnrolment>();

    public DeviceRevocation Revocation => Services.GetRequiredService<DeviceRevocation>();

    public DeviceCertificates Certificates => Services.GetRequiredService<DeviceCertificates>();

    public static Task<RelayUnderTest> StartEmbeddedAsync(params (DeviceId Id, string Password)[] devices) =>
        StartAsync(BrokerMode.Embedded, options =>
        {
            options.Port = 0;
            options.TlsEnabled = true;
            options.TlsPort = 0;
        }, null, devices);

    /// <summary>External mode over TLS: the relay presents a certificate it issues itself (CN=relay), trusted by the
    /// broker through the relay's CA; <paramref name="storePath"/> holds the devices and the CA (tls/ beside it).</summary>
    public static Task<RelayUnderTest> StartExternalTlsAsync(MosquittoBroker broker, string storePath) =>
        StartAsync(BrokerMode.External, options =>
        {
            options.Host = "127.0.0.1";
            options.Port = broker.Port;
            options.Username = MosquittoBroker.RelayUser;
            options.ClientId = MosquittoBroker.RelayUser;
            options.UseTls = true;
        }, storePath, []);

    /// <summary>Enrols a box the way <c>POST /api/enroll</c> does (code, then CSR), and returns its credentials.</summary>
    public async Task<BoxCredentials> EnrolAsync(DeviceId device) => await EnrolAsync(Enrolment, Tls, device);

    public static async Task<BoxCredentials> EnrolAsync(DeviceEnrolment enrolment, TlsMaterial tls, DeviceId device)
    {
        var ct = TestContext.Current.CancellationToken;
        var code = await enrolment.CreateCodeAsync(device, null, "test", ct);
        var (key, csr) = BoxKeys.NewRequest(device.Username);
        using (key)
        {
            var result = await enrolment.EnrolAsync(code.Code, csr, "127.0.0.1", ct);
            Assert.True(result.Succeeded, result.Detail);
            return new BoxCredentials(BoxKeys.WithKey(result.Certificate!.CertificatePem, key), X509CertificateLoader.LoadCertificate(tls.Authority.Certificate.RawData));
        }
    }

    public static Task<RelayUnderTest> StartExternalAsync(MosquittoBroker broker, string? sharedSubscriptionGroup, params (DeviceId Id, string Password)[] devices) =>
        StartAsync(BrokerMode.External, options =>
        {
            options.Host = "127.0.0.1";
            options.Port = broker.Port;
            options.Username = MosquittoBroker.RelayUser;
            options.Password = MosquittoBroker.RelayPassword;
            options.ClientId = MosquittoBroker.RelayUser;
            options.SharedSubscriptionGroup = sharedSubscriptionGroup;
        }, null, devices);

    private static async Task<RelayUnderTest> StartAsync(BrokerMode mode, Action<BrokerOptions> broker, string? storePath, (DeviceId Id, string Password)[] devices)
    {
        var directory = storePath is null ? new TempDirectory() : null;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddProvider(new TestOutputLoggerProvider());
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Services.Configure<StoreOptions>(o => o.Path = storePath ?? directory!.File("relay.db"));
        builder.Services.Configure<BrokerOptions>(o =>
        {
            o.Mode = mode;
            o.WatchdogInterval = TimeSpan.FromSeconds(1);
            o.ReconnectMaxDelay = TimeSpan.FromSeconds(2);
            broker(o);
        });
        builder.Services.AddRelayCore();
        builder.Services.AddRelayIngest(mode);
        var host = builder.Build();

        var accounts = host.Services.GetRequiredService<DeviceAccounts>();
        foreach (var (id, password) in devices)
        {
            await accounts.SetAsync(id, password, TestContext.Current.CancellationToken);
        }

        using var token = Bounded.Token();
        await host.StartAsync(token.Token);
        if (mode == BrokerMode.External)
        {
            await host.Services.GetRequiredService<IngestClient>().WaitSubscribedAsync(token.Token);
        }

        return new RelayUnderTest(host, directory);
    }

    /// <summary>Waits for the site tracker to report a change of connectivity matching <paramref name="match"/>.</summary>
    public async Task<DeviceTransition> WaitForTransitionAsync(Func<DeviceTransition, bool> match, Func<Task> trigger)
    {
        var seen = new TaskCompletionSource<DeviceTransition>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnTransition(DeviceTransition t)
        {
            if (match(t))
            {
                seen.TrySetResult(t);
            }
        }

        Sites.Transitioned += OnTransition;
        try
        {
            await trigger();
            return await Bounded.WaitAsync(seen.Task);
        }
        finally
        {
            Sites.Transitioned -= OnTransition;
        }
    }

    /// <summary>Runs <paramref name="trigger"/> and waits until the relay's client has connected and subscribed again.</summary>
    public async Task WaitForResubscribeAsync(Func<Task> trigger)
    {
        var before = Client.Health.Connects;
        var again = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnSubscribed(int connects)
        {
            if (connects > before)
            {
                again.TrySetResult();
            }
        }

        Client.Subscribed += OnSubscribed;
        try
        {
            await trigger();
            using var token = Bounded.Token();
            await again.Task.WaitAsync(token.Token);
        }
        finally
        {
            Client.Subscribed -= OnSubscribed;
        }
    }

    public async ValueTask DisposeAsync()
    {
        using var token = Bounded.Token();
        await _host.StopAsync(token.Token);
        _host.Dispose();
        _directory?.Dispose();
    }
}
