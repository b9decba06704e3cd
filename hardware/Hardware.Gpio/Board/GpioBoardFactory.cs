using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using Hardware.Gpio.Virtual;
using Microsoft.Extensions.Logging;

namespace Hardware.Gpio.Board;

/// <summary>Creates the board for the driver named in the site file, and says in the log which one it is.</summary>
public static partial class GpioBoardFactory
{
    public static GpioBoard Create(GpioDriverKind kind, int chip, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        GpioBoard board;
        try
        {
            board = kind switch
            {
                GpioDriverKind.Virtual => CreateVirtual(),
                GpioDriverKind.LibGpiod => new GpioBoard(new GpioController(new LibGpiodDriver(chip)), kind, $"libgpiod v1, gpiochip{chip}"),
                GpioDriverKind.LibGpiodV2 => new GpioBoard(new GpioController(new LibGpiodV2Driver(chip)), kind, $"libgpiod v2, gpiochip{chip}"),
                GpioDriverKind.RaspberryPi => new GpioBoard(new GpioController(new RaspberryPi3Driver()), kind, "Raspberry Pi 3/4 driver"),
                GpioDriverKind.Auto => new GpioBoard(new GpioController(), kind, "System.Device.Gpio automatic detection"),
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown GPIO driver."),
            };
        }
        catch (Exception ex) when (ex is not ArgumentOutOfRangeException and not OutOfMemoryException)
        {
            throw new GpioBoardException(
                $"Cannot open the '{kind}' GPIO driver (chip {chip}): {ex.Message}. " +
                "On a Raspberry Pi, install libgpiod (apt-get install libgpiod2) and check the chip number with 'gpioinfo'; " +
                "for a demo without hardware use board.driver: virtual.", ex);
        }

        Log.BoardOpened(logger, kind, board.Description);
        if (board.IsVirtual)
        {
            Log.VirtualBoardWarning(logger);
        }

        return board;
    }

    public static GpioBoard CreateVirtual(VirtualBoardDriver? driver = null)
    {
        driver ??= new VirtualBoardDriver();
        return new GpioBoard(new GpioController(driver), GpioDriverKind.Virtual, "virtual board (no hardware)", driver);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "GPIO driver {Kind}: {Description}")]
        public static partial void BoardOpened(ILogger logger, GpioDriverKind kind, string description);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Running on the VIRTUAL board: no physical button or siren is connected.")]
        public static partial void VirtualBoardWarning(ILogger logger);
    }
}
