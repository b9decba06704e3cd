using System.Device.Gpio;

namespace Hardware.Gpio.Virtual;

public sealed class VirtualOutputChangedEventArgs(int pin, PinValue value) : EventArgs
{
    public int Pin { get; } = pin;

    public PinValue Value { get; } = value;
}
