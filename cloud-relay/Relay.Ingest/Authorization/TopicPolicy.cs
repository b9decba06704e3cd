using Edge.Contracts.Topics;
using Relay.Ingest.Client;

namespace Relay.Ingest.Authorization;

/// <summary>
/// Least privilege on the broker, as pure rules. A device publishes only its own alerts, media, status and
/// heartbeat, and subscribes only to its own commands and receipts, by their exact names (no wildcard at all, so no
/// filter can reach past its subtree). Only the relay reads everyone and writes commands and receipts.
/// </summary>
public static class TopicPolicy
{
    public static bool MayPublish(BrokerPrincipal principal, string topic)
    {
        if (!TopicNames.TryParse(topic, out var parsed))
        {
            return false;
        }

        return principal switch
        {
            RelayPrincipal => parsed.Kind is TopicKind.Commands or TopicKind.Receipts,
            DevicePrincipal device => parsed.Site == device.Device.Site && parsed.Device == device.Device.Device &&
                                      parsed.Kind is TopicKind.Alerts or TopicKind.Media or TopicKind.Status or TopicKind.Heartbeat,
            _ => false,
        };
    }

    public static bool MaySubscribe(BrokerPrincipal principal, string topicFilter) => principal switch
    {
        RelayPrincipal => IngestSubscriptions.All.Contains(topicFilter, StringComparer.Ordinal),
        DevicePrincipal device => topicFilter == TopicNames.Commands(device.Device.Site, device.Device.Device) ||
                                  topicFilter == TopicNames.Receipts(device.Device.Site, device.Device.Device),
        _ => false,
    };

    /// <summary>The only Last Will a device may register: its own status topic (the retained offline status).</summary>
    public static bool IsAllowedWill(DevicePrincipal device, string? willTopic) =>
        willTopic == TopicNames.Status(device.Device.Site, device.Device.Device);

    /// <summary>Only status is meant to be retained; a retained alert or snapshot would be redelivered to the relay on
    /// every resubscribe and pinned in broker memory.</summary>
    public static bool MayRetain(string topic) =>
        TopicNames.TryParse(topic, out var parsed) && parsed.Kind == TopicKind.Status;
}
