using Edge.Core.Configuration;
using System.Device.Gpio;
using Edge.Core.Configuration.Model;
using Hardware.Gpio.Board;
using Hardware.Gpio.Buttons;
using Hardware.Gpio.Outputs;
using Microsoft.Extensions.Logging.Abstractions;
using Provisioning.Cli.Output;

namespace Provisioning.Cli.Commands.Wiring;

/// <summary>What happened on the bench, in the order it happened.</summary>
internal enum WiringNoteKind
{
    Pressed,
    Released,
    Gesture,
    Fault,
    FaultCleared,
    Output,
    Key,
}

/// <summary>One line of the wiring test's log.</summary>
internal sealed record WiringNote(TimeSpan At, WiringNoteKind Kind, string Text);

/// <summary>One input of the site file under test, with what was seen of it (written by the watcher's threads).</summary>
internal sealed class InputProbe(ButtonConfig config, ButtonWatcher watcher, char? key)
{
    private readonly object _gate = new();
    private int _presses;
    private string? _lastGesture;

    public ButtonConfig Config { get; } = config;

    public ButtonWatcher Watcher { get; } = watcher;

    /// <summary>The key that presses and releases it on the virtual board, or null on real hardware.</summary>
    public char? Key { get; } = key;

    /// <summary>On the virtual board: the button is held down by its key.</summary>
    public bool HeldByKey { get; set; }

    public int Presses
    {
        get
        {
            lock (_gate)
            {
                return _presses;
            }
        }
    }

    /// <summary>The last gesture recognised and when (since the test started), or null.</summary>
    public string? LastGesture
    {
        get
        {
            lock (_gate)
            {
                return _lastGesture;
            }
        }
    }

    public void RecordPress()
    {
        lock (_gate)
        {
            _presses++;
        }
    }

    public void RecordGesture(string gesture, TimeSpan at)
    {
        lock (_gate)
        {
            _lastGesture = $"{gesture} at +{at.TotalSeconds:0.0} s";
        }
    }
}

/// <summary>One output of the site file under test.</summary>
internal sealed class OutputProbe(OutputConfig config, DigitalOutput output, char? key)
{
    public OutputConfig Config { get; } = config;

    public DigitalOutput Output { get; } = output;

    /// <summary>The key that toggles it (1 to 9), or null past the ninth output.</summary>
    public char? Key { get; } = key;

    public int TimesOn { get; set; }
}

/// <summary>
/// The site file's inputs and outputs opened on a board with the box's own classes (<see cref="ButtonWatcher"/>,
/// <see cref="DigitalOutput"/>), set up exactly as the box sets them up. Every output is driven off when opened and
/// again when the bench is disposed, whatever ended the test.
/// </summary>
internal sealed class WiringBench : IDisposable
{
    private readonly TimeProvider _time;
    private readonly long _started;
    private readonly Action<WiringNote> _note;
    private readonly List<InputProbe> _inputs = [];
    private readonly List<OutputProbe> _outputs = [];
    private bool _disposed;

    private WiringBench(GpioBoard board, TimeProvider time, Action<WiringNote> note)
    {
        Board = board;
        _time = time;
        _note = note;
        _started = time.GetTimestamp();
    }

    public GpioBoard Board { get; }

    public IReadOnlyList<InputProbe> Inputs => _inputs;

    public IReadOnlyList<OutputProbe> Outputs => _outputs;

    public TimeSpan Elapsed => _time.GetElapsedTime(_started);

    /// <summary>
    /// Opens every output (off), then every input, on <paramref name="board"/>, which the bench owns from now on.
    /// A pin that cannot be opened (busy, missing) is a <see cref="CheckFailedException"/> naming it.
    /// </summary>
    public static WiringBench Open(SiteFile site, GpioBoard board, TimeProvider time, Action<WiringNote> note, Func<string, bool> isServiceActive)
    {
        var bench = new WiringBench(board, time, note);
        try
        {
            bench.OpenAll(site, isServiceActive);
            return bench;
        }
        catch
        {
            bench.Dispose();
            throw;
        }
    }

    /// <summary>The raw electrical level of an input right now.</summary>
    public PinValue ReadLevel(InputProbe input) => Board.Read(input.Config.Pin);

    /// <summary>Switches an output on (steady) or off; returns whether it is on now.</summary>
    public bool Toggle(OutputProbe output)
    {
        if (output.Output.IsOn)
        {
            output.Output.Off();
        }
        else
        {
            output.Output.Play(OutputPattern.Steady);
            output.TimesOn++;
        }

        Note(WiringNoteKind.Output, $"output {output.Config.Id} {(output.Output.IsOn ? "ON" : "off")} ({LevelWords(output)})");
        return output.Output.IsOn;
    }

    public void AllOff()
    {
        foreach (var output in _outputs.Where(o => o.Output.IsOn))
        {
            output.Output.Off();
            Note(WiringNoteKind.Output, $"output {output.Config.Id} off ({LevelWords(output)})");
        }
    }

    /// <summary>Presses or releases a button of the virtual board as a person would, whatever its wiring.</summary>
    public void ToggleVirtualButton(InputProbe input)
    {
        var driver = Board.Virtual ?? throw new InvalidOperationException("Only the virtual board has buttons that keys can press.");
        input.HeldByKey = !input.HeldByKey;
        var closed = input.Config.Wiring == ButtonWiring.NormallyOpen ? input.HeldByKey : !input.HeldByKey;
        Note(WiringNoteKind.Key, $"key {input.Key}: {(input.HeldByKey ? "pressing" : "releasing")} {input.Config.Id} (contact {(closed ? "closed" : "open")})");
        driver.SetContact(input.Config.Pin, closed);
    }

    /// <summary>Drives every output off (again), stops the watchers and closes the board.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var input in _inputs)
        {
            input.Watcher.Dispose();
        }

        foreach (var output in _outputs)
        {
            output.Output.Dispose();
        }

        Board.Dispose();
    }

    public static string OnLevelWord(OutputConfig output) => output.ActiveLow ? "Low" : "High";

    private static string LevelWords(OutputProbe output)
    {
        var on = output.Output.IsOn;
        var level = on == output.Config.ActiveLow ? "Low" : "High";
        return $"GPIO {output.Config.Pin} {level}" + (output.Config.ActiveLow ? ", active-low" : string.Empty);
    }

    private void OpenAll(SiteFile site, Func<string, bool> isServiceActive)
    {
        // Outputs first, driven off in the same step, as the box does: nothing sounds while inputs are set up.
        var number = 0;
        foreach (var config in site.Outputs)
        {
            number++;
            var output = new DigitalOutput(Board, config.Id, config.Pin, config.ActiveLow, _time);
            _outputs.Add(new OutputProbe(config, output, number <= 9 ? (char)('0' + number) : null));
            Claim(() => output.Open(), config.Pin, $"output '{config.Id}'", isServiceActive);
        }

        if (Board.Virtual is { } driver)
        {
            // A virtual board starts as a building at rest: normally-closed loops closed, buttons released.
            foreach (var button in site.Buttons)
            {
                driver.SetContact(button.Pin, closed: button.Wiring == ButtonWiring.NormallyClosed);
            }
        }

        var letter = 0;
        foreach (var config in site.Buttons)
        {
            var watcher = new ButtonWatcher(Board, ButtonWatching.OptionsFor(site, config), _time, NullLogger.Instance);
            char? key = Board.IsVirtual && letter < 26 ? (char)('a' + letter) : null;
            letter++;
            var input = new InputProbe(config, watcher, key);
            _inputs.Add(input);
            Attach(input);
        }

        foreach (var input in _inputs)
        {
            Claim(input.Watcher.Start, input.Config.Pin, $"button '{input.Config.Id}'", isServiceActive);
        }
    }

    private void Attach(InputProbe input)
    {
        var id = input.Config.Id;
        var watcher = input.Watcher;
        watcher.Pressed += (_, e) =>
        {
            input.RecordPress();
            Note(WiringNoteKind.Pressed, $"{id} pressed" + (e.CaughtByPoll ? " (found by the periodic poll: the GPIO edge callback missed it)" : string.Empty));
        };
        watcher.Released += (_, e) =>
            Note(WiringNoteKind.Released, $"{id} released" + (e.CaughtByPoll ? " (found by the periodic poll)" : string.Empty));
        watcher.GestureRecognized += (_, e) =>
        {
            input.RecordGesture(e.Gesture.ToString(), Elapsed);
            Note(WiringNoteKind.Gesture, $"{id} gesture: {e.Gesture}");
        };
        watcher.FaultChanged += (_, e) => Note(
            e.Fault is null ? WiringNoteKind.FaultCleared : WiringNoteKind.Fault,
            e.Fault is { } fault ? $"{id} FAULT {FaultWord(fault)}: {e.Detail}" : $"{id} fault cleared: {e.Detail}");
    }

    private void Note(WiringNoteKind kind, string text) => _note(new WiringNote(Elapsed, kind, text));

    private static string FaultWord(ButtonFault fault) => fault == ButtonFault.WireCut ? "wire-cut" : "stuck";

    private static void Claim(Action open, int pin, string what, Func<string, bool> isServiceActive)
    {
        try
        {
            open();
        }
        catch (GpioBoardException exception)
        {
            throw PinFailure(exception, pin, what, isServiceActive);
        }
    }

    private static CheckFailedException PinFailure(GpioBoardException exception, int pin, string what, Func<string, bool> isServiceActive)
    {
        const string Stop = "Stop the box's service for the test: sudo systemctl stop panic-edge — and start it again afterwards: sudo systemctl start panic-edge.";
        if (isServiceActive("panic-edge"))
        {
            return new CheckFailedException($"GPIO {pin} ({what}) is busy: the box's service panic-edge is running, and it holds every pin of the site file. ({exception.Message})", exception)
            {
                Hint = Stop,
            };
        }

        if (LooksBusy(exception))
        {
            return new CheckFailedException($"GPIO {pin} ({what}) is busy: another program holds it, most likely the box's own service (panic-edge). ({exception.Message})", exception)
            {
                Hint = Stop + " 'gpioinfo' shows which program holds each line.",
            };
        }

        return new CheckFailedException($"Cannot open GPIO {pin} ({what}): {exception.Message}", exception)
        {
            Hint = "Check the pin number in the site file ('provision board pins --site FILE') and that this user may use the GPIO (group gpio, or sudo). "
                + "If the box's service is running it holds the pins: sudo systemctl stop panic-edge. To try without hardware: add --virtual.",
        };
    }

    private static bool LooksBusy(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            var text = e.Message;
            if (text.Contains("busy", StringComparison.OrdinalIgnoreCase)
                || text.Contains("in use", StringComparison.OrdinalIgnoreCase)
                || text.Contains("error: 16", StringComparison.Ordinal)
                || text.Contains("ErrorCode=16", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
