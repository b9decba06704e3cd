using Edge.Core.Alerts;

namespace Edge.Core.Scenarios;

/// <summary>An alert is stored durably (or held in memory if storage failed) and its actions are starting.</summary>
public sealed class AlertRaisedEventArgs(ActiveAlert alert, long storedTimestamp) : EventArgs
{
    public ActiveAlert Alert { get; } = alert;

    /// <summary>Monotonic timestamp when the outbox append returned: press-to-durable latency ends here.</summary>
    public long StoredTimestamp { get; } = storedTimestamp;
}
