namespace Hardware.Gpio.Buttons;

public enum GestureKind
{
    /// <summary>One press. Recognised on the press itself, always, so that it costs no delay.</summary>
    Single,

    /// <summary>Held at least <see cref="GestureDefinition.Hold"/>; recognised the moment the hold time is reached
    /// (its first press is also a single press).</summary>
    Long,

    /// <summary><see cref="GestureDefinition.Count"/> presses within <see cref="GestureDefinition.Window"/>.</summary>
    Multi,
}
