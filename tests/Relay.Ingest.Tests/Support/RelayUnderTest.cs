using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Relay.Core;
using Relay.Core.Alerts;
using Relay.Core.Commands;
using Relay.Core.Devices;
using Relay.Core.Ingest;
using Relay.Core.Sites;
using Relay.Core.Storage;
using Relay.Ingest;
using Relay.Ingest.Authorization;
using Relay.Ingest.Broker;
using Relay.Ingest.Client;

namespace Relay.Testing;

/// <summary>The relay's ingest stack (store, broker or broker client, ingest client and worker) in a real generic
/// host, as production composes it, on loopback and a temporary store.</summary>
internal sealed class RelayUnderTest : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly TempDirectory _directory;

    private RelayUnderTest(IHost host, TempDirectory directory)
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

    public static Task<RelayUnderTest> StartEmbeddedAsync(params (DeviceId Id, string Password)[] devices) =>
        StartAsync(BrokerMode.Embedded, options => options.Port = 0, devices);

    public static Task<RelayUnderTest> StartExternalAsync(MosquittoBroker broker, string? sharedSubscriptionGroup, params (DeviceId Id, string Password)[] devices) =>
        StartAsync(BrokerMode.External, options =>
        {
            options.Host = "127.0.0.1";
            options.Port = broker.Port;
            options.Username = MosquittoBroker.RelayUser;
            options.Password = MosquittoBroker.RelayPassword;
            options.ClientId = MosquittoBroker.RelayUser;
            options.SharedSubscriptionGroup = sharedSubscriptionGroup;
        }, devices);

    private static async Task<RelayUnderTest> StartAsync(BrokerMode mode, Action<BrokerOptions> broker, (DeviceId Id, string Password)[] devices)
    {
        var directory = new TempDirectory();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddProvider(new TestOutputLoggerProvider());
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Services.Configure<StoreOptions>(o => o.Path = directory.File("relay.db"));
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
        _directory.Dispose();
    }
}
