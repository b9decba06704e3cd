using Edge.Contracts.Messages;

namespace Relay.Core.Alerts;

/// <summary>An event as committed at the relay, with the relay's own time of arrival (box clocks can be wrong).</summary>
public sealed record StoredEvent(AlertEvent Event, DateTimeOffset ReceivedAt);
