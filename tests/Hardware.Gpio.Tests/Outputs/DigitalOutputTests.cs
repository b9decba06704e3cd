using System.Device.Gpio;
using Hardware.Gpio.Board;
using Hardware.Gpio.Outputs;
using Hardware.Gpio.Virtual;
using Microsoft.Extensions.Time.Testing;

namespace Hardware.Gpio.Tests.Outputs;

public sealed class DigitalOutputTests : IDisposable
{
    private const int SirenPin = 23;
    private readonly FakeTimeProvider _time = new();
    private readonly VirtualBoardDriver _driver = new();
    private readonly GpioBoard _board;

    public DigitalOutputTests() => _board = GpioBoardFactory.CreateVirtual(_driver);

    [Fact]
    public void Open_ActiveLow_DrivesThePinHighImmediately()
    {
        using var output = new DigitalOutput(_board, "siren", SirenPin, activeLow: true, _time);

        output.Open();

        Assert.Equal(PinMode.Output, _driver.GetMode(SirenPin));
        Assert.Equal(PinValue.High, _driver.GetOutput(SirenPin));
        Assert.False(output.IsOn);
    }

    [Fact]
    public void Steady_IsOnAtOnce_AndStaysOn()
    {
        using var output = Open();

        output.Play(OutputPattern.Steady);
        Assert.Equal(PinValue.High, _driver.GetOutput(SirenPin));

        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(PinValue.High, _driver.GetOutput(SirenPin));
    }

    [Fact]
    public void Steady_ActiveLow_DrivesLow()
    {
        using var output = new DigitalOutput(_board, "siren", SirenPin, activeLow: true, _time);
        output.Open();

        output.Play(OutputPattern.Steady);

        Assert.Equal(PinValue.Low, _driver.GetOutput(SirenPin));
        Assert.True(output.IsOn);
    }

    [Fact]
    public void Pulsed_AlternatesWithTheGivenTimes()
    {
        using var output = Open();

        output.Play(OutputPattern.Pulsed(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(250)));

        var seen = new List<PinValue>();
        for (var i = 0; i < 6; i++)
        {
            seen.Add(_driver.GetOutput(SirenPin));
            _time.Advance(TimeSpan.FromMilliseconds(i % 2 == 0 ? 500 : 250));
        }

        Assert.Equal([PinValue.High, PinValue.Low, PinValue.High, PinValue.Low, PinValue.High, PinValue.Low], seen);
    }

    [Fact]
    public void TimedPattern_SwitchesOffByItself()
    {
        using var output = Open();

        output.Play(OutputPattern.Pulsed(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(500)), TimeSpan.FromSeconds(180));
        Assert.NotNull(output.StopsAt);

        _time.Advance(TimeSpan.FromSeconds(179));
        Assert.NotNull(output.Pattern);
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Null(output.Pattern);
        Assert.Equal(PinValue.Low, _driver.GetOutput(SirenPin));
        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(PinValue.Low, _driver.GetOutput(SirenPin));
    }

    [Fact]
    public void Off_StopsAPulsedPatternForGood()
    {
        using var output = Open();
        output.Play(OutputPattern.Pulsed(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(100)));

        output.Off();
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(PinValue.Low, _driver.GetOutput(SirenPin));
    }

    [Fact]
    public void BoardDispose_SwitchesEveryOutputOff()
    {
        var output = Open();
        output.Play(OutputPattern.Steady);
        using var strobe = new DigitalOutput(_board, "strobe", 24, activeLow: true, _time);
        strobe.Open();
        strobe.Play(OutputPattern.Steady);

        _board.Dispose();

        Assert.Equal(PinValue.Low, _driver.GetOutput(SirenPin));
        Assert.Equal(PinValue.High, _driver.GetOutput(24));
    }

    [Fact]
    public void StatusLed_ShowsPatterns_AndDoesNotRestartTheSamePattern()
    {
        using var output = Open();
        var led = new StatusLed(output);

        led.Show(LedPattern.Alarm);
        Assert.Equal("alarm", output.Pattern?.Name);
        _time.Advance(TimeSpan.FromMilliseconds(150));
        Assert.Equal(PinValue.Low, _driver.GetOutput(SirenPin));

        led.Show(LedPattern.Alarm); // same pattern: keeps its phase
        Assert.Equal(PinValue.Low, _driver.GetOutput(SirenPin));

        led.Show(LedPattern.Acknowledged);
        Assert.True(output.IsOn);
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(output.IsOn);
    }

    public void Dispose() => _board.Dispose();

    private DigitalOutput Open()
    {
        var output = new DigitalOutput(_board, "siren", SirenPin, activeLow: false, _time);
        output.Open();
        return output;
    }
}
