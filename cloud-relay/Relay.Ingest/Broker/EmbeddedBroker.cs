using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Relay.Core.Certificates;
using Relay.Core.Devices;
using Relay.Ingest.Authorization;
using Relay.Ingest.Tls;

namespace Relay.Ingest.Broker;

/// <summary>
/// An MQTTnet broker hosted by the relay, with two endpoints: MQTT over TLS where every box authenticates with the
/// certificate the relay issued it (mutual TLS), and plain MQTT (loopback by default) for the relay's own client and
/// password-authenticated devices. Either way a device is confined to its own topics (<see cref="BrokerAccessControl"/>).
/// Sessions are kept across reconnects (CleanSession=false) but in memory only: a relay restart loses what was queued
/// for disconnected boxes, which the receipt protocol recovers (boxes resend, pending commands are re-published when a
/// box comes back online).
/// </summary>
public sealed partial class EmbeddedBroker : IBroker, IDisposable
{
    private readonly BrokerOptions _options;
    private readonly DeviceAccounts _accounts;
    private readonly TlsMaterial _tls;
    private readonly DeviceCertificateVerifier _verifier;
    private readonly DeviceCertificateGate _gate;
    private readonly RevocationList _revocations;
    private readonly AccessCounters _counters;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<EmbeddedBroker> _logger;
    private MqttServer? _server;
    private BrokerAccessControl? _accessControl;
    private BrokerConnection? _ingestConnection;

    public EmbeddedBroker(
        IOptions<BrokerOptions> options,
        DeviceAccounts accounts,
        TlsMaterial tls,
        DeviceCertificateVerifier verifier,
        DeviceCertificateGate gate,
        RevocationList revocations,
        AccessCounters counters,
        TimeProvider timeProvider,
        ILogger<EmbeddedBroker> logger)
    {
        _options = options.Value;
        _accounts = accounts;
        _tls = tls;
        _verifier = verifier;
        _gate = gate;
        _revocations = revocations;
        _counters = counters;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    public BrokerMode Mode => BrokerMode.Embedded;

    /// <summary>The address and port actually listened on (the real port when 0 was configured).</summary>
    public IPEndPoint? BoundEndPoint { get; private set; }

    /// <summary>The TLS endpoint actually listened on; null when it is off.</summary>
    public IPEndPoint? BoundTlsEndPoint { get; private set; }

    public BrokerConnection IngestConnection => _ingestConnection ?? throw new InvalidOperationException("The embedded broker is not started.");

    public string Endpoint => BoundEndPoint?.ToString() ?? $"{_options.ListenAddress}:{_options.Port}";

    public string? TlsEndpoint => _options.TlsEnabled ? BoundTlsEndPoint?.ToString() ?? $"{_options.EffectiveTlsListenAddress}:{_options.TlsPort}" : null;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            throw new InvalidOperationException("The embedded broker is already started.");
        }

        var address = IPAddress.Parse(_options.ListenAddress);
        var builder = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointPort(_options.Port)
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(_options.MaxPendingMessagesPerClient);
        if (_options.TlsEnabled)
        {
            builder.WithEncryptedEndpoint().WithEncryptedEndpointPort(_options.TlsPort);
        }

        var serverOptions = builder.Build();
        BindTo(serverOptions.DefaultEndpointOptions, address);
        IPAddress? tlsAddress = null;
        if (_options.TlsEnabled)
        {
            tlsAddress = IPAddress.Parse(_options.EffectiveTlsListenAddress);
            var tls = serverOptions.TlsEndpointOptions;
            BindTo(tls, tlsAddress);
            tls.CertificateProvider = new ServerCertificateProvider(_tls);
            tls.ClientCertificateRequired = true;
            tls.RemoteCertificateValidationCallback = _gate.Validate;
            tls.CheckCertificateRevocation = false;
            tls.SslProtocol = SslProtocols.Tls12 | SslProtocols.Tls13;
        }

        var relayAccount = new RelayAccount(_options.ClientId);
        var server = new MqttServerFactory(new MqttNetLogBridge(_logger)).CreateMqttServer(serverOptions);
        _accessControl = new BrokerAccessControl(_accounts, _verifier, relayAccount, address, _counters, _timeProvider, _logger);
        _accessControl.Attach(server);
        await server.StartAsync().ConfigureAwait(false);
        _server = server;

        // MQTTnet writes the port it actually bound back into the endpoint options.
        BoundEndPoint = new IPEndPoint(address, serverOptions.DefaultEndpointOptions.Port);
        if (tlsAddress is not null)
        {
            BoundTlsEndPoint = new IPEndPoint(tlsAddress, serverOptions.TlsEndpointOptions.Port);
            LogTlsListening(_logger, BoundTlsEndPoint.ToString(), _tls.Authority.Fingerprint);
        }

        var connectTo = address.Equals(IPAddress.Any) ? IPAddress.Loopback
            : address.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback
            : address;
        _ingestConnection = new BrokerConnection(connectTo.ToString(), BoundEndPoint.Port, relayAccount.Username, relayAccount.Username, relayAccount.Password, null);
        LogListening(_logger, BoundEndPoint.ToString());
    }

    public void OnIngestSubscribed() => _accessControl?.AcceptDevices();

    public async Task<int?> CountClientsAsync() => _server is null ? 0 : (await _server.GetClientsAsync().ConfigureAwait(false)).Count;

    public async Task<int> DisconnectRevokedAsync()
    {
        if (_server is null)
        {
            return 0;
        }

        var ended = 0;
        foreach (var client in await _server.GetClientsAsync().ConfigureAwait(false))
        {
            if (BrokerAccessControl.PrincipalOf(client.Session.Items) is DevicePrincipal { CertificateSerial: { } serial } device &&
                _revocations.IsRevoked(serial))
            {
                await client.DisconnectAsync(new MqttServerClientDisconnectOptions
                {
                    ReasonCode = MqttDisconnectReasonCode.NotAuthorized,
                    ReasonString = "certificate revoked",
                }).ConfigureAwait(false);
                LogRevokedSessionEnded(_logger, device.Device.Username, serial);
                ended++;
            }
        }

        return ended;
    }

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

    /// <summary>One listener per endpoint, on exactly the configured address (MQTTnet would otherwise also listen on
    /// every IPv6 address).</summary>
    private static void BindTo(MqttServerTcpEndpointBaseOptions endpoint, IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            endpoint.BoundInterNetworkAddress = IPAddress.None;
            endpoint.BoundInterNetworkV6Address = address;
        }
        else
        {
            endpoint.BoundInterNetworkAddress = address;
            endpoint.BoundInterNetworkV6Address = IPAddress.None;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded MQTT broker listening on {Endpoint}; devices connect as {{site}}.{{device}} with their own password")]
    private static partial void LogListening(ILogger logger, string endpoint);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded MQTT broker: TLS endpoint on {Endpoint}; boxes authenticate with a certificate of the relay's CA ({Fingerprint})")]
    private static partial void LogTlsListening(ILogger logger, string endpoint, string fingerprint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ended the MQTT session of {Device}: its certificate {Serial} is revoked")]
    private static partial void LogRevokedSessionEnded(ILogger logger, string device, string serial);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded MQTT broker on {Endpoint} stopped")]
    private static partial void LogStopped(ILogger logger, string endpoint);
}
