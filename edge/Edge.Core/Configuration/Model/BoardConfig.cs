using Hardware.Gpio.Board;

namespace Edge.Core.Configuration.Model;

public sealed record BoardConfig : ConfigNode
{
    public GpioDriverKind Driver { get; init; } = GpioDriverKind.Virtual;

    /// <summary>The gpiochip number for the libgpiod drivers (0 on a Pi 3/4; see 'gpioinfo' on a Pi 5).</summary>
    public int Chip { get; init; }

    /// <summary>Backstop read of every input, in case an edge callback is missed.</summary>
    public int PollIntervalMs { get; init; } = 100;
}
