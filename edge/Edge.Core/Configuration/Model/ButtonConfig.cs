using Hardware.Gpio.Buttons;

namespace Edge.Core.Configuration.Model;

public sealed record ButtonConfig : ConfigNode
{
    public required string Id { get; init; }

    /// <summary>Where it is, in words the crisis cell understands ("sous le comptoir d'accueil").</summary>
    public string? Name { get; init; }

    /// <summary>BCM GPIO number.</summary>
    public required int Pin { get; init; }

    public ButtonWiring Wiring { get; init; } = ButtonWiring.NormallyOpen;

    public InputPull Pull { get; init; } = InputPull.Up;

    public int DebounceMs { get; init; } = 30;

    public int StuckAfterSeconds { get; init; } = 60;
}
