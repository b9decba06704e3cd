namespace Hardware.Gpio.Board;

/// <summary>Which GPIO driver the board uses. Chosen explicitly in the site file, and logged at start.</summary>
public enum GpioDriverKind
{
    /// <summary>No hardware: inputs driven by the local API or tests. Never for a protected building.</summary>
    Virtual,

    /// <summary>libgpiod 1.x through the character device (Raspberry Pi OS Bookworm ships libgpiod2 = v1.6).</summary>
    LibGpiod,

    /// <summary>libgpiod 2.x (libgpiod.so.3), for newer images and the Pi 5.</summary>
    LibGpiodV2,

    /// <summary>The Raspberry Pi 3/4 register driver (falls back to libgpiod for events).</summary>
    RaspberryPi,

    /// <summary>System.Device.Gpio's own detection. Its Pi 5 detection in 4.2.0 only tries libgpiod v1: prefer an explicit choice.</summary>
    Auto,
}
