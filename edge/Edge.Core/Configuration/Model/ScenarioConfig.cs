using Edge.Contracts.Messages;
using Hardware.Gpio.Buttons;

namespace Edge.Core.Configuration.Model;

/// <summary>What one gesture on one button does.</summary>
public sealed record ScenarioConfig : ConfigNode
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required TriggerConfig Trigger { get; init; }

    public AlertSeverity Severity { get; init; } = AlertSeverity.Critical;

    /// <summary>Nothing audible happens in the building: no siren, whatever else the file says.</summary>
    public bool Silent { get; init; }

    /// <summary>Every alert of this scenario is an exercise, shown as such to the crisis cell.</summary>
    public bool Drill { get; init; }

    public SignalConfig? Siren { get; init; }

    public SignalConfig? Strobe { get; init; }

    public CameraActionConfig? Camera { get; init; }

    public CallActionConfig? Call { get; init; }

    public CancelConfig? Cancel { get; init; }
}

public sealed record TriggerConfig : ConfigNode
{
    public required string Button { get; init; }

    public required GestureDefinition Gesture { get; init; }
}

/// <summary>A siren or strobe: which output, how it plays and for how long.</summary>
public sealed record SignalConfig : ConfigNode
{
    public required string Output { get; init; }

    /// <summary>steady or pulsed.</summary>
    public string Pattern { get; init; } = "steady";

    public int OnMs { get; init; } = 500;

    public int OffMs { get; init; } = 500;

    /// <summary>Stops by itself after this long.</summary>
    public int DurationSeconds { get; init; } = 180;

    /// <summary>An acknowledgement from the crisis cell stops it.</summary>
    public bool StopOnAcknowledge { get; init; } = true;
}

public sealed record CameraActionConfig : ConfigNode
{
    public required string Camera { get; init; }

    /// <summary>The PTZ preset (name or token) that shows the scene; none for a fixed camera.</summary>
    public string? Preset { get; init; }

    public int Snapshots { get; init; } = 3;

    public int IntervalMs { get; init; } = 1000;

    /// <summary>Wait after GotoPreset for the camera to stop moving.</summary>
    public int SettleMs { get; init; } = 2000;

    public int TimeoutSeconds { get; init; } = 30;
}

public sealed record CallActionConfig : ConfigNode
{
    /// <summary>Contact ids, called in this order until one acknowledges.</summary>
    public required IReadOnlyList<string> Contacts { get; init; }

    public int AttemptsPerContact { get; init; } = 1;

    /// <summary>How many times the whole list is gone through.</summary>
    public int Rounds { get; init; } = 2;

    public int RingTimeoutSeconds { get; init; } = 30;

    public int MaxCallSeconds { get; init; } = 120;

    /// <summary>The digit the callee presses to acknowledge.</summary>
    public char AckDigit { get; init; } = '1';

    /// <summary>The WAV (8 kHz mono 16-bit) played in a loop, relative to the site file.</summary>
    public required string Message { get; init; }
}

/// <summary>A gesture that, within the window, marks the alert as a false alarm (kept, never erased).</summary>
public sealed record CancelConfig : ConfigNode
{
    public required string Button { get; init; }

    public required GestureDefinition Gesture { get; init; }

    public int WithinSeconds { get; init; } = 30;
}
