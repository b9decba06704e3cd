using System.Text;
using Edge.Contracts;
using Edge.Contracts.Serialization;
using Edge.Contracts.Topics;
using Relay.Core.Devices;

namespace Relay.Core.Ingest;

/// <summary>
/// Turns a raw message into a trusted item or a rejection, through the contract's strict serializer. Checks that
/// the payload speaks for the device its topic names: the broker's ACL vouches for the topic, not for the payload.
/// </summary>
public static class MessageReader
{
    public static InboundItem Read(InboundMessage message)
    {
        if (!TopicNames.TryParse(message.Topic, out var topic) ||
            topic.Kind is not (TopicKind.Alerts or TopicKind.Media or TopicKind.Status or TopicKind.Heartbeat))
        {
            return new Rejection(RejectionReason.UnknownTopic, "not an edge-to-relay topic of edge/v1");
        }

        var device = new DeviceId(topic.Site, topic.Device);
        var payload = message.Payload.Span;
        if (topic.Kind == TopicKind.Media)
        {
            return JpegCheck.Problem(payload) is { } problem
                ? new Rejection(RejectionReason.InvalidSnapshot, problem)
                : new InboundSnapshot(device, topic.AlertId, topic.SnapshotIndex, message.Payload);
        }

        if (payload.Length > MessageLimits.MaxJsonBytes)
        {
            return new Rejection(RejectionReason.Oversized, $"payload of {payload.Length} bytes exceeds {MessageLimits.MaxJsonBytes}");
        }

        return topic.Kind switch
        {
            TopicKind.Alerts => ReadEvent(device, payload),
            TopicKind.Status => ReadStatus(device, payload),
            _ => ReadHeartbeat(device, payload),
        };
    }

    private static InboundItem ReadEvent(DeviceId device, ReadOnlySpan<byte> payload)
    {
        var read = ContractSerializer.ReadAlertEvent(payload);
        if (!read.IsValid)
        {
            return new Rejection(RejectionClassifier.Classify(payload, ContractsJsonContext.Default.AlertEvent), read.Error);
        }

        return (InboundItem?)Mismatch(device, read.Message.Site, read.Message.Device)
            ?? new InboundEvent(device, read.Message, Encoding.UTF8.GetString(ContractSerializer.Serialize(read.Message)));
    }

    private static InboundItem ReadStatus(DeviceId device, ReadOnlySpan<byte> payload)
    {
        var read = ContractSerializer.ReadStatus(payload);
        if (!read.IsValid)
        {
            return new Rejection(RejectionClassifier.Classify(payload, ContractsJsonContext.Default.StatusMessage), read.Error);
        }

        return (InboundItem?)Mismatch(device, read.Message.Site, read.Message.Device) ?? new InboundStatus(device, read.Message);
    }

    private static InboundItem ReadHeartbeat(DeviceId device, ReadOnlySpan<byte> payload)
    {
        var read = ContractSerializer.ReadHeartbeat(payload);
        if (!read.IsValid)
        {
            return new Rejection(RejectionClassifier.Classify(payload, ContractsJsonContext.Default.HeartbeatMessage), read.Error);
        }

        return (InboundItem?)Mismatch(device, read.Message.Site, read.Message.Device) ?? new InboundHeartbeat(device, read.Message);
    }

    private static Rejection? Mismatch(DeviceId topicDevice, string site, string device) =>
        topicDevice.Site == site && topicDevice.Device == device
            ? null
            : new Rejection(RejectionReason.TopicMismatch, $"payload is for {site}.{device}, topic for {topicDevice.Username}");
}
