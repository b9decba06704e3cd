namespace Hardware.Gpio.Buttons;

/// <summary>One physical button as the watcher needs it (the site file's button, resolved).</summary>
public sealed record ButtonOptions
{
    public required string Id { get; init; }

    /// <summary>BCM (logical) GPIO number.</summary>
    public required int Pin { get; init; }

    public ButtonWiring Wiring { get; init; } = ButtonWiring.NormallyOpen;

    public InputPull Pull { get; init; } = InputPull.Up;

    /// <summary>After an accepted edge, further edges are ignored for this long (contact bounce). Default 30 ms.
    /// The first edge is accepted at once, so debounce adds no latency to a press.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(30);

    /// <summary>Active for longer than this is a fault (stuck button, cut wire). Default 60 s.</summary>
    public TimeSpan StuckAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often the input is read as a backstop for a missed edge callback. Default 100 ms.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The patterns to recognise; at least one.</summary>
    public required IReadOnlyList<GestureDefinition> Gestures { get; init; }
}
