namespace Hardware.Gpio.Buttons;

/// <summary>A press pattern a button must recognise.</summary>
public sealed record GestureDefinition(GestureKind Kind, TimeSpan Hold, int Count, TimeSpan Window)
{
    public static GestureDefinition Single { get; } = new(GestureKind.Single, TimeSpan.Zero, 1, TimeSpan.Zero);

    public static GestureDefinition Long(TimeSpan hold) => new(GestureKind.Long, hold, 1, TimeSpan.Zero);

    public static GestureDefinition Multi(int count, TimeSpan window) => new(GestureKind.Multi, TimeSpan.Zero, count, window);

    /// <summary>The name used in site files and on the wire: single, long, multi.</summary>
    public string Name => Kind switch
    {
        GestureKind.Single => "single",
        GestureKind.Long => "long",
        _ => "multi",
    };

    public override string ToString() => Kind switch
    {
        GestureKind.Single => "single press",
        GestureKind.Long => $"long press ({Hold.TotalMilliseconds:0} ms)",
        _ => $"{Count} presses within {Window.TotalMilliseconds:0} ms",
    };
}
