using Hardware.Gpio.Buttons;

namespace Edge.Core.Alerts;

/// <summary>A recognised gesture on a button: what starts (or cancels) an alert.</summary>
/// <param name="EdgeTimestamp">Monotonic timestamp of the first edge, for latency measurements.</param>
/// <param name="EdgeTime">Wall-clock time of the first edge: the alert's time of press.</param>
public sealed record Trigger(string ButtonId, GestureDefinition Gesture, long EdgeTimestamp, DateTimeOffset EdgeTime);
