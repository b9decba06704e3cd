using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Edge.Contracts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Relay.Core.Ingest;
using Relay.Ingest.Broker;

namespace Relay.Ingest.Client;

/// <summary>
/// The relay's one MQTT client, the same in both broker modes: it subscribes to every device's edge-to-relay
/// topics and publishes receipts and commands. MQTT 5 with a stable client id, CleanSession=false and a session
/// expiry, so that what the broker queues for the relay during a short reconnect is delivered afterwards.
/// Received messages are acknowledged to the broker only after the worker has dealt with them
/// (<see cref="AcknowledgeAsync"/>).
/// </summary>
public sealed partial class IngestClient : IAsyncDisposable
{
    /// <summary>Enough for the largest snapshot plus topic and properties; the broker drops anything larger
    /// instead of making the relay buffer it.</summary>
    private const uint MaximumPacketSize = MessageLimits.MaxSnapshotBytes + 64 * 1024;

    private readonly IBroker _broker;
    private readonly BrokerOptions _options;
    /// <summary>Longest wait for a publish or an acknowledgement: twice the client's own request timeout.</summary>
    private static readonly TimeSpan s_requestBound = TimeSpan.FromSeconds(20);

    private readonly TimeProvider _timeProvider;
    private readonly ILogger<IngestClient> _logger;
    private readonly IMqttClient _client;
    private readonly Channel<ReceivedMessage> _received = Channel.CreateBounded<ReceivedMessage>(
        new BoundedChannelOptions(1000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly TaskCompletionSource _firstSubscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _healthGate = new();
    private ConnectionWatchdog? _watchdog;
    private CancellationTokenSource? _stopping;
    private Task? _watchdogTask;
    private int _generation;
    private int _connects;
    private DateTimeOffset? _lastConnectedAt;
    private DateTimeOffset? _lastDisconnectedAt;
    private string? _lastError;

    public IngestClient(IBroker broker, IOptions<BrokerOptions> options, TimeProvider timeProvider, ILogger<IngestClient> logger)
    {
        _broker = broker;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageReceivedAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
    }

    /// <summary>Raised after every successful connect-and-subscribe (the first one and each reconnect), with the number
    /// of connections made so far.</summary>
    public event Action<int>? Subscribed;

    /// <summary>Messages for the ingest worker, in the order the broker delivered them.</summary>
    public ChannelReader<ReceivedMessage> Received => _received.Reader;

    public bool IsConnected => _client.IsConnected;

    public IngestClientHealth Health
    {
        get
        {
            lock (_healthGate)
            {
                return new IngestClientHealth(_client.IsConnected, _lastConnectedAt, _lastDisconnectedAt, _connects, _lastError);
            }
        }
    }

    /// <summary>Starts the connection watchdog. Returns at once: the broker may be down for a while (external mode).</summary>
    public void Start()
    {
        if (_watchdog is not null)
        {
            throw new InvalidOperationException("The ingest client is already started.");
        }

        _stopping = new CancellationTokenSource();
        _watchdog = new ConnectionWatchdog(PingAsync, ConnectAndSubscribeAsync, _options.WatchdogInterval, _options.ReconnectMaxDelay, _timeProvider, _logger);
        var token = _stopping.Token;
        _watchdogTask = Task.Run(() => _watchdog.RunAsync(token), CancellationToken.None);
    }

    /// <summary>Completes once the client has connected and subscribed for the first time.</summary>
    public Task WaitSubscribedAsync(CancellationToken cancellationToken) => _firstSubscribed.Task.WaitAsync(cancellationToken);

    /// <summary>Publishes at QoS 1. False when not connected or the broker refused; the caller's protocol copes
    /// (a box resends what is not receipted, a pending command is re-published when its box comes back).</summary>
    public async Task<bool> PublishAsync(string topic, byte[] payload, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        // Bounded whatever the client does, as on the box: ingest publishes receipts one batch at a time, and a publish
        // caught in a connection dying under it must fail and let the next batch through, never hold up every box.
        using var expiry = new CancellationTokenSource(s_requestBound, _timeProvider);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        try
        {
            var result = await _client.PublishAsync(message, bounded.Token).WaitAsync(bounded.Token).ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                LogPublishRefused(_logger, topic, result.ReasonCode.ToString());
            }

            return result.IsSuccess;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogPublishFailed(_logger, topic, expiry.IsCancellationRequested ? $"no answer within {s_requestBound.TotalSeconds:0} s" : ex.Message);
            return false;
        }
    }

    /// <summary>Sends the broker's acknowledgement (PUBACK) for a message the worker is done with, on the connection
    /// it arrived on only: after a reconnect the broker redelivers it anyway, and the store takes it as a duplicate.</summary>
    public async Task AcknowledgeAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        if (message.Generation != Volatile.Read(ref _generation) || !_client.IsConnected)
        {
            return;
        }

        using var expiry = new CancellationTokenSource(s_requestBound, _timeProvider);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        try
        {
            await message.Delivery.AcknowledgeAsync(bounded.Token).WaitAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogAckFailed(_logger, expiry.IsCancellationRequested ? $"no answer within {s_requestBound.TotalSeconds:0} s" : ex.Message);
        }
    }

    /// <summary>Stops reconnecting and disconnects cleanly (the broker keeps the relay's session for its expiry).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_stopping is null)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await (_watchdogTask ?? Task.CompletedTask).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (_client.IsConnected)
        {
            await _client.TryDisconnectAsync(MqttClientDisconnectOptionsReason.NormalDisconnection, "relay stopping").ConfigureAwait(false);
        }

        _received.Writer.TryComplete();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
        _client.Dispose();
        _stopping?.Dispose();
    }

    private async Task<bool> PingAsync(CancellationToken cancellationToken) =>
        _client.IsConnected && await _client.TryPingAsync(cancellationToken).ConfigureAwait(false);

    private async Task ConnectAndSubscribeAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            // Connected but not answering pings: a half-open link. Drop it before reconnecting.
            await _client.TryDisconnectAsync(MqttClientDisconnectOptionsReason.NormalDisconnection, "ping failed").ConfigureAwait(false);
        }

        var connection = _broker.IngestConnection;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(connection.Host, connection.Port)
            .WithClientId(connection.ClientId)
            .WithCredentials(connection.Username, string.IsNullOrEmpty(connection.Password) ? null : connection.Password)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)_options.SessionExpiry.TotalSeconds)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithMaximumPacketSize(MaximumPacketSize);
        if (connection.Tls is { } tls)
        {
            // Trust the given CA only (not the machine's store), and present the relay's own certificate.
            builder.WithTlsOptions(o => o
                .UseTls()
                .WithTrustChain(new X509Certificate2Collection(tls.Authority))
                .WithRevocationMode(X509RevocationMode.NoCheck)
                .WithClientCertificates([tls.ClientCertificate]));
        }

        var options = builder.Build();

        try
        {
            Interlocked.Increment(ref _generation);
            var result = await _client.ConnectAsync(options, cancellationToken).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new InvalidOperationException($"broker refused the relay's connection: {result.ResultCode} {result.ReasonString}");
            }

            await SubscribeAsync(connection.SharedSubscriptionGroup, cancellationToken).ConfigureAwait(false);
            int connects;
            lock (_healthGate)
            {
                connects = ++_connects;
                _lastConnectedAt = _timeProvider.GetUtcNow();
                _lastError = null;
            }

            LogConnected(_logger, connection.ToString(), result.IsSessionPresent);
            _broker.OnIngestSubscribed();
            _firstSubscribed.TrySetResult();
            Subscribed?.Invoke(connects);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            lock (_healthGate)
            {
                _lastError = ex.Message;
            }

            throw;
        }
    }

    private async Task SubscribeAsync(string? sharedSubscriptionGroup, CancellationToken cancellationToken)
    {
        // Always re-subscribe, even when the broker says the session (and its subscriptions) is present: it costs one
        // packet, and a broker that lost its sessions on restart would otherwise leave the relay deaf.
        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in IngestSubscriptions.For(sharedSubscriptionGroup))
        {
            builder.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        var result = await _client.SubscribeAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
        var refused = result.Items.Where(i => i.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2).ToList();
        if (refused.Count > 0)
        {
            await _client.TryDisconnectAsync(MqttClientDisconnectOptionsReason.NormalDisconnection, "subscription refused").ConfigureAwait(false);
            throw new InvalidOperationException("broker refused subscriptions: " +
                string.Join(", ", refused.Select(i => $"{i.TopicFilter.Topic} ({i.ResultCode})")));
        }
    }

    private async Task OnMessageReceivedAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        // Acknowledged by the worker once processed (and, for events, committed and receipted).
        args.AutoAcknowledge = false;
        var message = args.ApplicationMessage;
        var received = new ReceivedMessage(new InboundMessage(message.Topic, message.Payload.ToArray()), args, Volatile.Read(ref _generation));

        // A full queue slows MQTTnet's delivery loop down rather than dropping anything.
        await _received.Writer.WriteAsync(received, _stopping?.Token ?? CancellationToken.None).ConfigureAwait(false);
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        if (args.ClientWasConnected)
        {
            lock (_healthGate)
            {
                _lastDisconnectedAt = _timeProvider.GetUtcNow();
            }

            if (_stopping?.IsCancellationRequested != true)
            {
                LogDisconnected(_logger, args.Reason.ToString(), args.Exception?.Message ?? "");
            }
        }

        _watchdog?.Wake();
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Relay ingest connected to the broker at {Connection} and subscribed (session present: {SessionPresent})")]
    private static partial void LogConnected(ILogger logger, string connection, bool sessionPresent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Relay ingest lost the broker ({Reason}) {Detail}; reconnecting")]
    private static partial void LogDisconnected(ILogger logger, string reason, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Broker refused a publish on '{Topic}': {ReasonCode}")]
    private static partial void LogPublishRefused(ILogger logger, string topic, string reasonCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish on '{Topic}': {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, string topic, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not acknowledge a message to the broker: {Reason}")]
    private static partial void LogAckFailed(ILogger logger, string reason);
}
