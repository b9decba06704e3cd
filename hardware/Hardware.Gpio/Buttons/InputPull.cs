namespace Hardware.Gpio.Buttons;

/// <summary>The input's internal bias resistor; the contact connects the pin to the opposite rail.</summary>
public enum InputPull
{
    /// <summary>Pin pulled to 3.3 V, contact to ground (the usual Raspberry Pi wiring).</summary>
    Up,

    /// <summary>Pin pulled to ground, contact to 3.3 V.</summary>
    Down,
}
