using Edge.Core.Alerts;

namespace Edge.Core.Scenarios;

public enum TriggerResult
{
    /// <summary>A scenario ran: <see cref="TriggerOutcome.Alert"/> is the new alert.</summary>
    Raised,

    /// <summary>The scenario's alert is still running: recorded on it as pressed again, not a new alert.</summary>
    Repeated,

    /// <summary>The gesture was the cancel gesture of a running alert, now a false alarm.</summary>
    Cancelled,

    /// <summary>No scenario starts with this gesture on this button.</summary>
    Ignored,
}

public sealed record TriggerOutcome(TriggerResult Result, ActiveAlert? Alert)
{
    public static TriggerOutcome Ignored { get; } = new(TriggerResult.Ignored, null);
}
