namespace Hardware.Gpio.Outputs;

/// <summary>What an output does while it plays: steady on, or a sequence of on/off steps repeated.</summary>
public sealed record OutputPattern
{
    private OutputPattern(string name, IReadOnlyList<OutputStep> steps)
    {
        Name = name;
        Steps = steps;
    }

    /// <summary>Steady, pulsed, or the LED pattern's name: for status pages and events.</summary>
    public string Name { get; }

    /// <summary>Empty for steady on.</summary>
    public IReadOnlyList<OutputStep> Steps { get; }

    public bool IsSteady => Steps.Count == 0;

    public static OutputPattern Steady { get; } = new("steady", []);

    /// <summary>The same pattern under another name (an LED state shown as steady light, say).</summary>
    public OutputPattern WithName(string name) => new(name, Steps);

    public static OutputPattern Pulsed(TimeSpan on, TimeSpan off)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(on, TimeSpan.FromMilliseconds(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(off, TimeSpan.FromMilliseconds(1));
        return new("pulsed", [new(true, on), new(false, off)]);
    }

    public static OutputPattern Sequence(string name, params OutputStep[] steps)
    {
        if (steps.Length == 0 || steps.Any(s => s.Duration <= TimeSpan.Zero))
        {
            throw new ArgumentException("A sequence needs at least one step, each with a positive duration.", nameof(steps));
        }

        return new(name, steps);
    }
}
