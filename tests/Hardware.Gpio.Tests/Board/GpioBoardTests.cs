using System.Device.Gpio;
using Hardware.Gpio.Board;

namespace Hardware.Gpio.Tests.Board;

public sealed class GpioBoardTests
{
    [Fact]
    public void OpeningAPinTwice_IsAClearError()
    {
        using var board = GpioBoardFactory.CreateVirtual();
        board.OpenInput(17, PinMode.InputPullUp);

        var ex = Assert.Throws<GpioBoardException>(() => board.OpenOutput(17, PinValue.Low));

        Assert.Contains("GPIO 17 is already in use", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpeningAPinThatDoesNotExist_IsAClearError()
    {
        using var board = GpioBoardFactory.CreateVirtual();

        var ex = Assert.Throws<GpioBoardException>(() => board.OpenInput(40, PinMode.InputPullUp));

        Assert.Contains("GPIO 40", ex.Message, StringComparison.Ordinal);
    }
}
