namespace Edge.Core.Alerts;

public enum AlertState
{
    /// <summary>Raised, nobody has acknowledged it yet.</summary>
    Active,

    /// <summary>The crisis cell or a callee has it in hand.</summary>
    Acknowledged,

    /// <summary>Cancelled by the cancel gesture within its window: kept as a false alarm.</summary>
    FalseAlarm,

    /// <summary>Over: cleared by the relay or by the box's timeout.</summary>
    Cleared,
}
