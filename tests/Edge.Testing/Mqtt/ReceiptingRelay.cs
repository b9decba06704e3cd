using System.Buffers;
using System.Collections.Concurrent;
using Edge.Contracts.Messages;
using Edge.Contracts.Serialization;
using Edge.Contracts.Topics;
using MQTTnet;
using MQTTnet.Protocol;

namespace Edge.Testing.Mqtt;

/// <summary>
/// Stands for the relay in uplink tests: stores what boxes send (by device and sequence, duplicates counted) and
/// publishes receipts, unless told to withhold them. Can also send commands.
/// </summary>
public sealed class ReceiptingRelay : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly SemaphoreSlim _changed = new(0);

    private ReceiptingRelay()
    {
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    /// <summary>Events stored, by sequence number (one device per test).</summary>
    public ConcurrentDictionary<long, AlertEvent> Events { get; } = new();

    public ConcurrentDictionary<(Guid AlertId, int Index), byte[]> Snapshots { get; } = new();

    public ConcurrentQueue<string> ArrivalOrder { get; } = new();

    public int Duplicates;

    public ConcurrentQueue<StatusMessage> Statuses { get; } = new();

    public ConcurrentQueue<HeartbeatMessage> Heartbeats { get; } = new();

    /// <summary>When false, nothing is receipted (a relay whose store is stuck).</summary>
    public bool Receipting { get; set; } = true;

    public static async Task<ReceiptingRelay> ConnectAsync(int port, string user, string password, CancellationToken cancellationToken)
    {
        var relay = new ReceiptingRelay();
        var options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(user).WithCredentials(user, password).WithCleanSession(true).Build();
        await relay._client.ConnectAsync(options, cancellationToken);
        var subscribe = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter("edge/v1/+/+/alerts", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter("edge/v1/+/+/media/#", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter("edge/v1/+/+/status", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter("edge/v1/+/+/heartbeat", MqttQualityOfServiceLevel.AtMostOnce)
            .Build();
        await relay._client.SubscribeAsync(subscribe, cancellationToken);
        return relay;
    }

    public async Task SendCommandAsync(string site, string device, CommandMessage command, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder().WithTopic(TopicNames.Commands(site, device)).WithPayload(ContractSerializer.Serialize(command))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        await _client.PublishAsync(message, cancellationToken);
    }

    /// <summary>Waits, bounded, until <paramref name="condition"/> holds, re-checking on every message.</summary>
    public async Task WaitForAsync(Func<ReceiptingRelay, bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        while (!condition(this))
        {
            try
            {
                await _changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"Condition not met within {timeout}: {Events.Count} events, {Snapshots.Count} snapshots, {Duplicates} duplicates stored.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _client.TryDisconnectAsync();
        _client.Dispose();
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs args)
    {
        if (!TopicNames.TryParse(args.ApplicationMessage.Topic, out var topic))
        {
            return;
        }

        var payload = args.ApplicationMessage.Payload.ToArray();
        ReceiptMessage? receipt = null;
        switch (topic.Kind)
        {
            case TopicKind.Alerts:
                var read = ContractSerializer.ReadAlertEvent(payload);
                if (read.IsValid)
                {
                    ArrivalOrder.Enqueue($"event:{read.Message.Seq}");
                    if (!Events.TryAdd(read.Message.Seq, read.Message))
                    {
                        Interlocked.Increment(ref Duplicates);
                    }

                    receipt = new ReceiptMessage { Events = [new EventReceipt(read.Message.Seq, read.Message.AlertId)] };
                }

                break;
            case TopicKind.Media:
                ArrivalOrder.Enqueue($"snapshot:{topic.SnapshotIndex}");
                Snapshots[(topic.AlertId, topic.SnapshotIndex)] = payload;
                receipt = new ReceiptMessage { Snapshots = [new SnapshotReceipt(topic.AlertId, topic.SnapshotIndex)] };
                break;
            case TopicKind.Status:
                if (ContractSerializer.ReadStatus(payload) is { IsValid: true } status)
                {
                    Statuses.Enqueue(status.Message);
                }

                break;
            case TopicKind.Heartbeat:
                if (ContractSerializer.ReadHeartbeat(payload) is { IsValid: true } heartbeat)
                {
                    Heartbeats.Enqueue(heartbeat.Message);
                }

                break;
        }

        if (receipt is not null && Receipting)
        {
            var message = new MqttApplicationMessageBuilder().WithTopic(TopicNames.Receipts(topic.Site, topic.Device))
                .WithPayload(ContractSerializer.Serialize(receipt)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
            await _client.PublishAsync(message);
        }

        _changed.Release();
    }
}
