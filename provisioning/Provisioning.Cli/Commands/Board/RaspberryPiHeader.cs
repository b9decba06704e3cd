namespace Provisioning.Cli.Commands.Board;

/// <summary>What a pin of the 40-pin header is: power, ground, or a GPIO.</summary>
internal enum HeaderPinKind
{
    Power3V3,
    Power5V,
    Ground,
    Gpio,
}

/// <summary>One pin of the header.</summary>
/// <param name="Physical">1..40, odd on the inner row (pin 1 is the square pad, next to the SD card end).</param>
/// <param name="Bcm">The BCM GPIO number the site file uses, or null for power and ground.</param>
/// <param name="Note">Its other function, and why to avoid it for buttons and relays.</param>
/// <param name="Recommended">Free of any other common use: the pins to wire buttons and relays to first.</param>
internal sealed record HeaderPin(int Physical, HeaderPinKind Kind, int? Bcm, string Note, bool Recommended)
{
    public string Label => Kind switch
    {
        HeaderPinKind.Power3V3 => "3V3",
        HeaderPinKind.Power5V => "5V",
        HeaderPinKind.Ground => "GND",
        _ => $"GPIO {Bcm}",
    };
}

/// <summary>
/// The 40-pin header of every Raspberry Pi since the B+ (1, 2, 3, 4, 5, Zero). BCM numbers are what the site file
/// and the GPIO drivers use; physical numbers are what the installer counts on the board.
/// </summary>
internal static class RaspberryPiHeader
{
    public static IReadOnlyList<HeaderPin> Pins { get; } =
    [
        new(1, HeaderPinKind.Power3V3, null, "3.3 V power", false),
        new(2, HeaderPinKind.Power5V, null, "5 V power", false),
        Gpio(3, 2, "I2C SDA (fixed pull-up)"),
        new(4, HeaderPinKind.Power5V, null, "5 V power", false),
        Gpio(5, 3, "I2C SCL (fixed pull-up)"),
        new(6, HeaderPinKind.Ground, null, "ground", false),
        Gpio(7, 4, "1-Wire / GPCLK0"),
        Gpio(8, 14, "UART TXD (console)"),
        new(9, HeaderPinKind.Ground, null, "ground", false),
        Gpio(10, 15, "UART RXD (console)"),
        Gpio(11, 17, null),
        Gpio(12, 18, "PCM CLK / PWM0"),
        Gpio(13, 27, null),
        new(14, HeaderPinKind.Ground, null, "ground", false),
        Gpio(15, 22, null),
        Gpio(16, 23, null),
        new(17, HeaderPinKind.Power3V3, null, "3.3 V power", false),
        Gpio(18, 24, null),
        Gpio(19, 10, "SPI0 MOSI"),
        new(20, HeaderPinKind.Ground, null, "ground", false),
        Gpio(21, 9, "SPI0 MISO"),
        Gpio(22, 25, null),
        Gpio(23, 11, "SPI0 SCLK"),
        Gpio(24, 8, "SPI0 CE0"),
        new(25, HeaderPinKind.Ground, null, "ground", false),
        Gpio(26, 7, "SPI0 CE1"),
        Gpio(27, 0, "reserved: HAT EEPROM"),
        Gpio(28, 1, "reserved: HAT EEPROM"),
        Gpio(29, 5, null),
        new(30, HeaderPinKind.Ground, null, "ground", false),
        Gpio(31, 6, null),
        Gpio(32, 12, "PWM0"),
        Gpio(33, 13, "PWM1"),
        new(34, HeaderPinKind.Ground, null, "ground", false),
        Gpio(35, 19, "PCM FS / SPI1"),
        Gpio(36, 16, null),
        Gpio(37, 26, null),
        Gpio(38, 20, "PCM DIN / SPI1"),
        new(39, HeaderPinKind.Ground, null, "ground", false),
        Gpio(40, 21, "PCM DOUT / SPI1"),
    ];

    public static HeaderPin? ByBcm(int bcm) => Pins.FirstOrDefault(p => p.Bcm == bcm);

    /// <summary>The ground pin closest to <paramref name="physical"/>, for the other wire of a button.</summary>
    public static int NearestGround(int physical) =>
        Pins.Where(p => p.Kind == HeaderPinKind.Ground).MinBy(p => Math.Abs(p.Physical - physical))!.Physical;

    private static HeaderPin Gpio(int physical, int bcm, string? note) =>
        new(physical, HeaderPinKind.Gpio, bcm, note ?? "free", note is null);
}
