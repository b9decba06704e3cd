using System.Buffers;
using System.Threading.Channels;
using Edge.Contracts.Messages;
using Edge.Contracts.Serialization;
using Edge.Contracts.Topics;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Relay.Core.Devices;

namespace Relay.Testing;

/// <summary>A box as the relay sees it on the wire: a real MQTTnet client with its own account (a password, or with
/// <see cref="BoxCredentials"/> the certificate from its enrolment, over TLS), a persistent session and an offline Last
/// Will on its status topic, as the edge uplink connects.</summary>
internal sealed class TestDevice : IAsyncDisposable
{
    private readonly int _port;
    private readonly Channel<ReceiptMessage> _receipts = Channel.CreateUnbounded<ReceiptMessage>();
    private readonly Channel<CommandMessage> _commands = Channel.CreateUnbounded<CommandMessage>();
    private readonly List<string> _foreignTopics = [];

    private readonly BoxCredentials? _tls;

    public TestDevice(DeviceId id, string password, int port, string host = "127.0.0.1", BoxCredentials? tls = null)
    {
        Id = id;
        Password = password;
        Host = host;
        _port = port;
        _tls = tls;
        Client = new MqttClientFactory().CreateMqttClient();
        Client.ApplicationMessageReceivedAsync += args =>
        {
            var topic = args.ApplicationMessage.Topic;
            var payload = args.ApplicationMessage.Payload.ToArray();
            if (topic == TopicNames.Receipts(id.Site, id.Device))
            {
                _receipts.Writer.TryWrite(ReadReceipt(payload));
            }
            else if (topic == TopicNames.Commands(id.Site, id.Device) && ContractSerializer.ReadCommand(payload) is { IsValid: true } command)
            {
                _commands.Writer.TryWrite(command.Message);
            }
            else
            {
                lock (_foreignTopics)
                {
                    _foreignTopics.Add(topic);
                }
            }

            return Task.CompletedTask;
        };
    }

    public DeviceId Id { get; }

    public string Password { get; }

    public string Host { get; }

    public IMqttClient Client { get; }

    public string Site => Id.Site;

    /// <summary>Topics of messages received that were not this device's own commands or receipts.</summary>
    public IReadOnlyList<string> ForeignTopics
    {
        get
        {
            lock (_foreignTopics)
            {
                return [.. _foreignTopics];
            }
        }
    }

    public string Device => Id.Device;

    /// <summary>Connects and returns the broker's answer (refusals come back as a result code, not an exception).</summary>
    public async Task<MqttClientConnectResultCode> ConnectAsync(
        MqttProtocolVersion protocol = MqttProtocolVersion.V500,
        string? clientId = null,
        string? willTopic = null,
        string? password = null)
    {
        var will = ContractSerializer.Serialize(TestMessages.Status(Site, Device, DeviceState.Offline));
        var secret = password ?? Password;
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(Host, _port)
            .WithClientId(clientId ?? Id.Username)
            .WithCredentials(Id.Username, secret.Length == 0 ? null : secret)
            .WithProtocolVersion(protocol)
            .WithCleanSession(false)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithWillTopic(willTopic ?? TopicNames.Status(Site, Device))
            .WithWillPayload(will)
            .WithWillRetain(true)
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (protocol == MqttProtocolVersion.V500)
        {
            options.WithSessionExpiryInterval(3600);
        }

        if (_tls is not null)
        {
            // As the edge uplink does (Edge.Uplink.MqttUplink.ConfigureTls): the relay's CA as the only trust anchor,
            // and the box's own certificate.
            options.WithTlsOptions(tls => tls
                .UseTls()
                .WithTrustChain(new System.Security.Cryptography.X509Certificates.X509Certificate2Collection(_tls.Authority))
                .WithClientCertificates([_tls.Certificate]));
        }

        using var token = Bounded.Token();
        var result = await Client.ConnectAsync(options.Build(), token.Token);
        return result.ResultCode;
    }

    /// <summary>Like <see cref="ConnectAsync"/>, but a connection the broker drops during the TLS handshake (how a refused
    /// certificate shows on the client's side) comes back as null instead of an exception.</summary>
    public async Task<MqttClientConnectResultCode?> TryConnectAsync(string? clientId = null)
    {
        try
        {
            return await ConnectAsync(clientId: clientId);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or System.Security.Authentication.AuthenticationException or IOException)
        {
            return null;
        }
    }

    /// <summary>Connects, announces itself online and subscribes to its commands and receipts, like the edge uplink.</summary>
    public async Task ConnectAndSubscribeAsync(MqttProtocolVersion protocol = MqttProtocolVersion.V500)
    {
        var code = await ConnectAsync(protocol);
        Assert.Equal(MqttClientConnectResultCode.Success, code);
        var subscribe = await SubscribeAsync(TopicNames.Commands(Site, Device), TopicNames.Receipts(Site, Device));
        Assert.All(subscribe, c => Assert.True(c <= MqttClientSubscribeResultCode.GrantedQoS2, $"subscription refused: {c}"));
    }

    public async Task<IReadOnlyList<MqttClientSubscribeResultCode>> SubscribeAsync(params string[] filters)
    {
        var builder = new MqttClientSubscribeOptionsBuilder();
        foreach (var filter in filters)
        {
            builder.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        using var token = Bounded.Token();
        var result = await Client.SubscribeAsync(builder.Build(), token.Token);
        return result.Items.Select(i => i.ResultCode).ToList();
    }

    public async Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload, bool retain = false, MqttQualityOfServiceLevel qos = MqttQualityOfServiceLevel.AtLeastOnce)
    {
        using var token = Bounded.Token();
        return await Client.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(qos).WithRetainFlag(retain).Build(),
            token.Token);
    }

    public Task<MqttClientPublishResult> PublishEventAsync(AlertEvent e) =>
        PublishAsync(TopicNames.Alerts(Site, Device), ContractSerializer.Serialize(e));

    public Task<MqttClientPublishResult> PublishStatusAsync(DeviceState state) =>
        PublishAsync(TopicNames.Status(Site, Device), ContractSerializer.Serialize(TestMessages.Status(Site, Device, state)), retain: true);

    public Task<MqttClientPublishResult> PublishHeartbeatAsync(int outboxDepth = 0) =>
        PublishAsync(TopicNames.Heartbeat(Site, Device), ContractSerializer.Serialize(TestMessages.Heartbeat(Site, Device, outboxDepth)), qos: MqttQualityOfServiceLevel.AtMostOnce);

    public Task<ReceiptMessage> NextReceiptAsync() => Bounded.WaitAsync(_receipts.Reader.ReadAsync().AsTask());

    public Task<CommandMessage> NextCommandAsync() => Bounded.WaitAsync(_commands.Reader.ReadAsync().AsTask());

    /// <summary>Publishes an event and waits for the receipt that lists it. Because the relay handles a device's
    /// messages in order, this is also a barrier: everything the device published before has been dealt with.</summary>
    public async Task<ReceiptMessage> PublishEventAndAwaitReceiptAsync(AlertEvent e)
    {
        var published = await PublishEventAsync(e);
        Assert.True(published.IsSuccess, $"publish refused: {published.ReasonCode}");
        while (true)
        {
            var receipt = await NextReceiptAsync();
            if (receipt.Events.Any(r => r.Seq == e.Seq))
            {
                return receipt;
            }
        }
    }

    /// <summary>Receipts that the contract's own reader refused (see <see cref="ReadReceipt"/>).</summary>
    public int ReceiptsUnreadableByContract { get; private set; }

    /// <summary>
    /// Reads a receipt through the contract serializer. Edge.Contracts cannot currently read back a receipt it wrote
    /// for a device-scoped event (no alert id): <c>EventReceipt(long Seq, Guid? AlertId)</c> has a required
    /// constructor parameter that the serializer omits when null. Until the contract is fixed, such receipts are
    /// read leniently here and counted, so that tests still see what the relay published.
    /// </summary>
    private ReceiptMessage ReadReceipt(byte[] payload)
    {
        var read = ContractSerializer.ReadReceipt(payload);
        if (read.IsValid)
        {
            return read.Message;
        }

        ReceiptsUnreadableByContract++;
        using var json = System.Text.Json.JsonDocument.Parse(payload);
        var events = json.RootElement.GetProperty("events").EnumerateArray()
            .Select(e => new EventReceipt(e.GetProperty("seq").GetInt64(), e.TryGetProperty("alertId", out var a) ? a.GetGuid() : null))
            .ToList();
        var snapshots = json.RootElement.GetProperty("snapshots").EnumerateArray()
            .Select(s => new SnapshotReceipt(s.GetProperty("alertId").GetGuid(), s.GetProperty("index").GetInt32()))
            .ToList();
        return new ReceiptMessage { Events = events, Snapshots = snapshots };
    }

    /// <summary>Drops the TCP connection without DISCONNECT, as a power cut would: the broker publishes the Last Will.</summary>
    public void Crash() => Client.Dispose();

    public async ValueTask DisposeAsync()
    {
        if (Client.IsConnected)
        {
            await Client.TryDisconnectAsync();
        }

        Client.Dispose();
    }
}
