using System.Buffers;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Channels;
using Edge.Contracts;
using Edge.Contracts.Messages;
using Edge.Contracts.Serialization;
using Edge.Contracts.Topics;
using Edge.Core.Health;
using Edge.Core.Outbox;
using Edge.Core.Scenarios;
using Edge.Uplink.Connection;
using Edge.Uplink.Draining;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace Edge.Uplink;

/// <summary>
/// The box's link to the relay over MQTT. One client with a stable id per device, kept alive by a ping watchdog;
/// a retained <c>online</c> status on connect and a retained <c>offline</c> Last Will; periodic heartbeats; the outbox
/// drained in order and retired on the relay's receipts; commands from the crisis cell handed to the box.
/// Everything sent is in the outbox first, so a link that is down for hours loses nothing: it catches up when it
/// returns.
/// </summary>
public sealed partial class MqttUplink : IAsyncDisposable
{
    private readonly UplinkOptions _options;
    private readonly DeviceIdentity _device;
    private readonly LinkStatus _link;
    private readonly Func<DeviceState, StatusMessage> _status;
    private readonly Func<HeartbeatMessage> _heartbeat;
    private readonly Func<CommandMessage, Task> _onCommand;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IMqttClient _client;
    private readonly ConnectionWatchdog _watchdog;
    private readonly OutboxDrainer _drainer;
    private readonly IOutbox _outbox;
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private long _connects;
    private long _rejectedMessages;

    public MqttUplink(
        UplinkOptions options,
        DeviceIdentity device,
        IOutbox outbox,
        LinkStatus link,
        Func<DeviceState, StatusMessage> status,
        Func<HeartbeatMessage> heartbeat,
        Func<CommandMessage, Task> onCommand,
        TimeProvider time,
        Random random,
        ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _device = device;
        _outbox = outbox;
        _link = link;
        _status = status;
        _heartbeat = heartbeat;
        _onCommand = onCommand;
        _time = time;
        _logger = logger;
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
        _client.DisconnectedAsync += OnDisconnectedAsync;
        _watchdog = new ConnectionWatchdog(PingAsync, ConnectAsync, options.WatchdogInterval, options.ReconnectMaxDelay, time, random, logger);
        _drainer = new OutboxDrainer(outbox, device, PublishAsync, options, time);
        outbox.Appended += (_, _) => Wake();
    }

    /// <summary>Raised after each successful connection (first and reconnects), once subscribed and online.</summary>
    public event EventHandler? Connected;

    /// <summary>Raised for every valid receipt, after its entries are retired (for status and measurements).</summary>
    public event EventHandler<ReceiptMessage>? ReceiptReceived;

    public bool IsConnected => _client.IsConnected;

    public long Connects => Interlocked.Read(ref _connects);

    public OutboxDrainer Drainer => _drainer;

    /// <summary>Payloads from the relay that were not valid and were dropped.</summary>
    public long RejectedMessages => Interlocked.Read(ref _rejectedMessages);

    public string ClientId => _options.UsernameFor(_device.Site, _device.Device);

    /// <summary>Starts connecting, draining and heartbeating in the background; returns at once.</summary>
    public void Start()
    {
        _link.Configured();
        var token = _stopping.Token;
        _loops.Add(Task.Run(() => RunGuardedAsync(_watchdog.RunAsync, token), CancellationToken.None));
        _loops.Add(Task.Run(() => RunGuardedAsync(DrainLoopAsync, token), CancellationToken.None));
        _loops.Add(Task.Run(() => RunGuardedAsync(HeartbeatLoopAsync, token), CancellationToken.None));
    }

    /// <summary>Says goodbye (a retained offline status, so the crisis cell knows it was a clean stop) and disconnects.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_loops).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        if (_client.IsConnected)
        {
            try
            {
                await PublishRawAsync(TopicNames.Status(_device.Site, _device.Device), ContractSerializer.Serialize(_status(DeviceState.Offline)), retain: true, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.GoodbyeFailed(_logger, ex.Message);
            }

            await _client.TryDisconnectAsync(MqttClientDisconnectOptionsReason.NormalDisconnection, "box stopping").ConfigureAwait(false);
        }

        _link.Set(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopping.IsCancellationRequested)
        {
            await StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        _client.Dispose();
        _stopping.Dispose();
    }

    private void Wake() => _wake.Writer.TryWrite(true);

    private async Task RunGuardedAsync(Func<CancellationToken, Task> loop, CancellationToken cancellationToken)
    {
        try
        {
            await loop(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task DrainLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            if (_client.IsConnected)
            {
                try
                {
                    if (!await _drainer.PumpAsync(cancellationToken).ConfigureAwait(false))
                    {
                        _watchdog.Wake();
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.DrainFailed(_logger, ex.Message);
                    _watchdog.Wake();
                }
            }

            // Sleep until something is appended, a receipt arrives, the link comes back, or a resend is due.
            using var tick = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var resendIn = _drainer.NextResendIn() ?? _options.ReceiptTimeout;
            await Task.WhenAny(Task.Delay(resendIn + TimeSpan.FromMilliseconds(1), _time, tick.Token), _wake.Reader.WaitToReadAsync(tick.Token).AsTask()).ConfigureAwait(false);
            await tick.CancelAsync().ConfigureAwait(false);
            _wake.Reader.TryRead(out _);
        }
    }

    private async Task HeartbeatLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.HeartbeatInterval, _time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            await SendHeartbeatAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendHeartbeatAsync(CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            return;
        }

        try
        {
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(TopicNames.Heartbeat(_device.Site, _device.Device))
                .WithPayload(ContractSerializer.Serialize(_heartbeat()))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce)
                .Build();
            await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.HeartbeatFailed(_logger, ex.Message);
        }
    }

    private async Task<bool> PingAsync(CancellationToken cancellationToken) =>
        _client.IsConnected && await _client.TryPingAsync(cancellationToken).ConfigureAwait(false);

    private async Task ConnectAsync(CancellationToken cancellationToken)
    {
        _link.Set(false, _link.LastError);
        if (_client.IsConnected)
        {
            // Connected but deaf to pings: a half-open link. Drop it first.
            await _client.TryDisconnectAsync(MqttClientDisconnectOptionsReason.NormalDisconnection, "ping failed").ConfigureAwait(false);
        }

        var statusTopic = TopicNames.Status(_device.Site, _device.Device);
        var v5 = _options.ProtocolVersion != "3.1.1";
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(ClientId)
            .WithCredentials(ClientId, _options.Password)
            .WithProtocolVersion(v5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311)
            .WithCleanSession(false)
            .WithKeepAlivePeriod(_options.KeepAlive)
            .WithTimeout(_options.RequestTimeout)
            .WithWillTopic(statusTopic)
            .WithWillPayload(ContractSerializer.Serialize(_status(DeviceState.Offline)))
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (v5)
        {
            builder.WithSessionExpiryInterval((uint)_options.SessionExpiry.TotalSeconds);
        }

        if (_options.UseTls)
        {
            builder.WithTlsOptions(ConfigureTls);
        }

        try
        {
            var result = await _client.ConnectAsync(builder.Build(), cancellationToken).ConfigureAwait(false);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new InvalidOperationException($"the broker refused the box: {result.ResultCode} {result.ReasonString}");
            }

            var subscribe = new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(TopicNames.Commands(_device.Site, _device.Device), MqttQualityOfServiceLevel.AtLeastOnce)
                .WithTopicFilter(TopicNames.Receipts(_device.Site, _device.Device), MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            var subscribed = await _client.SubscribeAsync(subscribe, cancellationToken).ConfigureAwait(false);
            if (subscribed.Items.Any(i => i.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2))
            {
                throw new InvalidOperationException("the broker refused the box's subscriptions: " + string.Join(", ", subscribed.Items.Select(i => $"{i.TopicFilter.Topic} {i.ResultCode}")));
            }

            await PublishRawAsync(statusTopic, ContractSerializer.Serialize(_status(DeviceState.Online)), retain: true, cancellationToken).ConfigureAwait(false);
            _drainer.Reset(result.ReceiveMaximum ?? 0);
            Interlocked.Increment(ref _connects);
            _link.Set(true);
            Log.Connected(_logger, _options.Host, _options.Port, ClientId, result.IsSessionPresent);
            Wake();
            Connected?.Invoke(this, EventArgs.Empty);
            await SendHeartbeatAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _link.Set(false, ex.Message);
            await _client.TryDisconnectAsync().ConfigureAwait(false);
            throw;
        }
    }

    private void ConfigureTls(MqttClientTlsOptionsBuilder tls)
    {
        tls.UseTls();
        if (_options.CaCertificateFile is { } caFile)
        {
            var ca = X509CertificateLoader.LoadCertificateFromFile(caFile);
            tls.WithTrustChain([ca]);
        }

        if (_options.ClientCertificateFile is { } certFile)
        {
            var certificate = _options.ClientKeyFile is { } keyFile
                ? X509Certificate2.CreateFromPemFile(certFile, keyFile)
                : X509CertificateLoader.LoadCertificateFromFile(certFile);

            // The key must be exportable into a platform handle for SslStream on Linux.
            tls.WithClientCertificates([X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null)]);
        }
    }

    private async Task<bool> PublishAsync(string topic, byte[] payload, CancellationToken cancellationToken)
    {
        if (!_client.IsConnected)
        {
            return false;
        }

        // Bounded whatever the client does: a publish caught in a connection that dies under it must fail, not hang,
        // or the drain would wait on it forever while the link is back and the outbox fills.
        using var expiry = new CancellationTokenSource(_options.RequestTimeout * 2, _time);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, expiry.Token);
        try
        {
            return await PublishRawAsync(topic, payload, retain: false, bounded.Token).WaitAsync(bounded.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.PublishFailed(_logger, topic, expiry.IsCancellationRequested ? $"no answer within {(_options.RequestTimeout * 2).TotalSeconds:0.#} s" : ex.Message);
            return false;
        }
    }

    private async Task<bool> PublishRawAsync(string topic, byte[] payload, bool retain, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        var result = await _client.PublishAsync(message, cancellationToken).ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            Log.PublishRefused(_logger, topic, result.ReasonCode.ToString());
        }

        return result.IsSuccess;
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        var topic = args.ApplicationMessage.Topic;
        var payload = args.ApplicationMessage.Payload;
        if (payload.Length > MessageLimits.MaxJsonBytes || !TopicNames.TryParse(topic, out var parsed) || parsed.Site != _device.Site || parsed.Device != _device.Device)
        {
            Reject(topic, "unexpected topic or oversized payload");
            return;
        }

        var bytes = payload.ToArray();
        switch (parsed.Kind)
        {
            case TopicKind.Receipts:
                var receipt = ContractSerializer.ReadReceipt(bytes);
                if (!receipt.IsValid)
                {
                    Reject(topic, receipt.Error);
                    return;
                }

                _drainer.OnReceipt(receipt.Message);
                Wake();
                ReceiptReceived?.Invoke(this, receipt.Message);
                break;

            case TopicKind.Commands:
                var command = ContractSerializer.ReadCommand(bytes);
                if (!command.IsValid)
                {
                    Reject(topic, command.Error);
                    return;
                }

                await _onCommand(command.Message).ConfigureAwait(false);
                break;

            default:
                Reject(topic, "not a topic the box listens to");
                break;
        }
    }

    private void Reject(string topic, string reason)
    {
        Interlocked.Increment(ref _rejectedMessages);
        Log.MessageRejected(_logger, topic, reason);
    }

    private Task OnDisconnectedAsync(MqttClientDisconnectedEventArgs args)
    {
        if (args.ClientWasConnected && !_stopping.IsCancellationRequested)
        {
            _link.Set(false, args.Exception?.Message ?? args.Reason.ToString());
            Log.Disconnected(_logger, args.Reason.ToString());
        }

        _watchdog.Wake();
        return Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the relay's broker {Host}:{Port} as {ClientId} (session present: {SessionPresent})")]
        public static partial void Connected(ILogger logger, string host, int port, string clientId, bool sessionPresent);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the relay's broker ({Reason}); alerts wait in the outbox")]
        public static partial void Disconnected(ILogger logger, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing on {Topic} failed: {Reason}")]
        public static partial void PublishFailed(ILogger logger, string topic, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "The broker refused a publish on {Topic}: {ReasonCode}")]
        public static partial void PublishRefused(ILogger logger, string topic, string reasonCode);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped a message on {Topic}: {Reason}")]
        public static partial void MessageRejected(ILogger logger, string topic, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Draining the outbox failed: {Reason}")]
        public static partial void DrainFailed(ILogger logger, string reason);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Heartbeat not sent: {Reason}")]
        public static partial void HeartbeatFailed(ILogger logger, string reason);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Could not say goodbye to the relay: {Reason}")]
        public static partial void GoodbyeFailed(ILogger logger, string reason);
    }
}
