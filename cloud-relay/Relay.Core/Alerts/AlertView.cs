namespace Relay.Core.Alerts;

/// <summary>An alert: its Raised event and every later event with the same alert id, in sequence order.</summary>
public sealed record AlertView(AlertSummary Alert, IReadOnlyList<StoredEvent> Events);
