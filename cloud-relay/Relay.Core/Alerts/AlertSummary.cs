using Edge.Contracts.Messages;

namespace Relay.Core.Alerts;

/// <summary>
/// What the crisis cell needs at a glance about one alert. Built from its events as they are stored: the Raised
/// event fills in button, scenario, severity and time of press; later events move the status.
/// </summary>
public sealed record AlertSummary
{
    public required Guid AlertId { get; init; }

    public required string Site { get; init; }

    public required string Device { get; init; }

    public required AlertStatus Status { get; init; }

    public bool Acknowledged { get; init; }

    public bool Drill { get; init; }

    /// <summary>False until the Raised event has arrived (later events of the alert can overtake it on resend).</summary>
    public bool HasRaisedEvent { get; init; }

    public AlertSeverity? Severity { get; init; }

    public string? Scenario { get; init; }

    public string? Button { get; init; }

    /// <summary>When the button was pressed, by the box's clock; the earliest event's time until Raised arrives.</summary>
    public required DateTimeOffset RaisedAt { get; init; }

    public required DateTimeOffset FirstReceivedAt { get; init; }

    public required DateTimeOffset LastReceivedAt { get; init; }

    public int EventCount { get; init; }

    public int SnapshotCount { get; init; }

    /// <summary>Who acknowledged first: a crisis-cell login (relay clock) or, from the box's event, a callee.</summary>
    public string? AcknowledgedBy { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    /// <summary>Set when the crisis cell closed the alert at the relay (the box is then told to clear it; its
    /// <see cref="Status"/> moves when it has).</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    public string? ClosedBy { get; init; }

    public string? CloseComment { get; init; }
}
