using Edge.Contracts.Topics;

namespace Relay.Ingest.Client;

/// <summary>What the relay's own client subscribes to: every device's edge-to-relay topics, nothing else.</summary>
public static class IngestSubscriptions
{
    public static readonly string Alerts = $"{TopicNames.Root}/+/+/alerts";

    public static readonly string Media = $"{TopicNames.Root}/+/+/media/#";

    public static readonly string Status = $"{TopicNames.Root}/+/+/status";

    public static readonly string Heartbeat = $"{TopicNames.Root}/+/+/heartbeat";

    public static IReadOnlyList<string> All { get; } = [Alerts, Media, Status, Heartbeat];

    /// <summary>
    /// With a shared-subscription group, alerts and media (the work that must be done once) are spread over the
    /// relays of the group. Status and heartbeats are read by every relay: each keeps its own site state, and
    /// retained statuses are not delivered to shared subscriptions.
    /// </summary>
    public static IReadOnlyList<string> For(string? sharedSubscriptionGroup) =>
        sharedSubscriptionGroup is null
            ? All
            : [$"$share/{sharedSubscriptionGroup}/{Alerts}", $"$share/{sharedSubscriptionGroup}/{Media}", Status, Heartbeat];
}
