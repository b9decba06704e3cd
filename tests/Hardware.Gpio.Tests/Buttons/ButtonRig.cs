using Hardware.Gpio.Board;
using Hardware.Gpio.Buttons;
using Hardware.Gpio.Virtual;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hardware.Gpio.Tests.Buttons;

/// <summary>A virtual board, one watched button and everything it reported.</summary>
internal sealed class ButtonRig : IDisposable
{
    public const int Pin = 17;

    public ButtonRig(ButtonWiring wiring = ButtonWiring.NormallyOpen, InputPull pull = InputPull.Up, bool pressedAtStart = false, params GestureDefinition[] gestures)
    {
        Driver = new VirtualBoardDriver();
        Board = GpioBoardFactory.CreateVirtual(Driver);
        Options = new ButtonOptions
        {
            Id = "reception",
            Pin = Pin,
            Wiring = wiring,
            Pull = pull,
            Debounce = TimeSpan.FromMilliseconds(30),
            StuckAfter = TimeSpan.FromSeconds(60),
            PollInterval = TimeSpan.FromMilliseconds(100),
            Gestures = gestures.Length == 0 ? [GestureDefinition.Single] : gestures,
        };

        // The contact's state before the service starts: a NC loop is closed at rest.
        Driver.SetContact(Pin, ContactClosedFor(pressedAtStart));
        Watcher = new ButtonWatcher(Board, Options, Time, NullLogger.Instance);
        Watcher.GestureRecognized += (_, e) => Gestures.Add(e);
        Watcher.Pressed += (_, e) => Presses.Add(e);
        Watcher.Released += (_, e) => Releases.Add(e);
        Watcher.FaultChanged += (_, e) => Faults.Add(e);
        Watcher.Start();
    }

    public FakeTimeProvider Time { get; } = new();

    public VirtualBoardDriver Driver { get; }

    public GpioBoard Board { get; }

    public ButtonOptions Options { get; }

    public ButtonWatcher Watcher { get; }

    public List<ButtonGestureEventArgs> Gestures { get; } = [];

    public List<ButtonEdgeEventArgs> Presses { get; } = [];

    public List<ButtonEdgeEventArgs> Releases { get; } = [];

    public List<ButtonFaultEventArgs> Faults { get; } = [];

    /// <summary>Presses the button as a person would, whatever the wiring.</summary>
    public void Press() => Driver.SetContact(Pin, ContactClosedFor(pressed: true));

    public void Release() => Driver.SetContact(Pin, ContactClosedFor(pressed: false));

    public void Advance(int milliseconds) => Time.Advance(TimeSpan.FromMilliseconds(milliseconds));

    /// <summary>Press, hold, release, then let the debounce lockout pass.</summary>
    public void Tap(int holdMs = 100, int afterMs = 100)
    {
        Press();
        Advance(holdMs);
        Release();
        Advance(afterMs);
    }

    public void Dispose()
    {
        Watcher.Dispose();
        Board.Dispose();
    }

    private bool ContactClosedFor(bool pressed) => Options is null
        ? throw new InvalidOperationException()
        : Options.Wiring == ButtonWiring.NormallyOpen ? pressed : !pressed;
}
