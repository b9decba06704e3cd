using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Server;
using Relay.Core.Devices;
using Relay.Ingest.Authorization;

namespace Relay.Ingest.Broker;

/// <summary>
/// An MQTTnet broker hosted by the relay: every device authenticates with its own credentials and is confined to
/// its own topics (<see cref="BrokerAccessControl"/>). Sessions are kept across reconnects (CleanSession=false) but
/// in memory only: a relay restart loses what was queued for disconnected boxes, which the receipt protocol
/// recovers (boxes resend, pending commands are re-published when a box comes back online).
/// </summary>
public sealed partial class EmbeddedBroker : IBroker, IDisposable
{
    private readonly BrokerOptions _options;
    private readonly DeviceAccounts _accounts;
    private readonly AccessCounters _counters;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<EmbeddedBroker> _logger;
    private MqttServer? _server;
    private BrokerAccessControl? _accessControl;
    private BrokerConnection? _ingestConnection;

    public EmbeddedBroker(IOptions<BrokerOptions> options, DeviceAccounts accounts, AccessCounters counters, TimeProvider timeProvider, ILogger<EmbeddedBroker> logger)
    {
        _options = options.Value;
        _accounts = accounts;
        _counters = counters;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public BrokerMode Mode => BrokerMode.Embedded;

    /// <summary>The address and port actually listened on (the real port when 0 was configured).</summary>
    public IPEndPoint? BoundEndPoint { get; private set; }

    public BrokerConnection IngestConnection => _ingestConnection ?? throw new InvalidOperationException("The embedded broker is not started.");

    public string Endpoint => BoundEndPoint?.ToString() ?? $"{_options.ListenAddress}:{_options.Port}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            throw new InvalidOperationException("The embedded broker is already started.");
        }

        var address = IPAddress.Parse(_options.ListenAddress);
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(_options.Port)
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(_options.MaxPendingMessagesPerClient)
            .Build();

        // One listener, on exactly the configured address (MQTTnet would otherwise also listen on every IPv6 address).
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            serverOptions.DefaultEndpointOptions.BoundInterNetworkAddress = IPAddress.None;
            serverOptions.DefaultEndpointOptions.BoundInterNetworkV6Address = address;
        }
        else
        {
            serverOptions.DefaultEndpointOptions.BoundInterNetworkAddress = address;
            serverOptions.DefaultEndpointOptions.BoundInterNetworkV6Address = IPAddress.None;
        }

        var relayAccount = new RelayAccount(_options.ClientId);
        var server = new MqttServerFactory(new MqttNetLogBridge(_logger)).CreateMqttServer(serverOptions);
        _accessControl = new BrokerAccessControl(_accounts, relayAccount, address, _counters, _timeProvider, _logger);
        _accessControl.Attach(server);
        await server.StartAsync().ConfigureAwait(false);
        _server = server;

        // MQTTnet writes the port it actually bound back into the endpoint options.
        BoundEndPoint = new IPEndPoint(address, serverOptions.DefaultEndpointOptions.Port);
        var connectTo = address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
            : address;
        _ingestConnection = new BrokerConnection(connectTo.ToString(), BoundEndPoint.Port, relayAccount.Username, relayAccount.Username, relayAccount.Password, null);
        LogListening(_logger, BoundEndPoint.ToString());
    }

    public void OnIngestSubscribed() => _accessControl?.AcceptDevices();

    public async Task<int?> CountClientsAsync() => _server is null ? 0 : (await _server.GetClientsAsync().ConfigureAwait(false)).Count;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is null)
        {
            return;
        }

        await _server.StopAsync().ConfigureAwait(false);
        _server.Dispose();
        _server = null;
        LogStopped(_logger, Endpoint);
    }

    public void Dispose() => _server?.Dispose();

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded MQTT broker listening on {Endpoint}; devices connect as {{site}}.{{device}} with their own password")]
    private static partial void LogListening(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded MQTT broker on {Endpoint} stopped")]
    private static partial void LogStopped(ILogger logger, string endpoint);
}
