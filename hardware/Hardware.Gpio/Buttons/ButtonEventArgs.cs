namespace Hardware.Gpio.Buttons;

/// <summary>A debounced press or release.</summary>
public sealed class ButtonEdgeEventArgs(string buttonId, long timestamp, DateTimeOffset time, bool caughtByPoll) : EventArgs
{
    public string ButtonId { get; } = buttonId;

    /// <summary>Monotonic timestamp of the edge (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long Timestamp { get; } = timestamp;

    public DateTimeOffset Time { get; } = time;

    /// <summary>True when the edge callback was missed and the periodic poll found the change.</summary>
    public bool CaughtByPoll { get; } = caughtByPoll;
}

/// <summary>A recognised press pattern.</summary>
public sealed class ButtonGestureEventArgs(string buttonId, GestureDefinition gesture, long edgeTimestamp, DateTimeOffset edgeTime) : EventArgs
{
    public string ButtonId { get; } = buttonId;

    public GestureDefinition Gesture { get; } = gesture;

    /// <summary>Monotonic timestamp of the first edge of the gesture: latency is measured from here.</summary>
    public long EdgeTimestamp { get; } = edgeTimestamp;

    /// <summary>Wall-clock time of the first edge: the alert's time of press.</summary>
    public DateTimeOffset EdgeTime { get; } = edgeTime;
}

/// <summary>A fault appeared (<see cref="Fault"/> set) or cleared (null).</summary>
public sealed class ButtonFaultEventArgs(string buttonId, ButtonFault? fault, DateTimeOffset time, string detail) : EventArgs
{
    public string ButtonId { get; } = buttonId;

    public ButtonFault? Fault { get; } = fault;

    public DateTimeOffset Time { get; } = time;

    public string Detail { get; } = detail;
}
