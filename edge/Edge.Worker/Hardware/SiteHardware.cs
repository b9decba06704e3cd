using Edge.Core.Configuration;
using Edge.Core.Configuration.Model;
using Hardware.Gpio.Board;
using Hardware.Gpio.Buttons;
using Hardware.Gpio.Outputs;

namespace Edge.Worker.Hardware;

/// <summary>
/// Everything the site file wires to the board: outputs (opened and driven off first of all), the status LED and a
/// watcher per button, set up for the gestures its scenarios expect. Disposing it drives every output off.
/// </summary>
public sealed class SiteHardware : IDisposable
{
    private readonly Dictionary<string, DigitalOutput> _outputs;
    private readonly Dictionary<string, ButtonWatcher> _buttons;

    private SiteHardware(GpioBoard board, Dictionary<string, DigitalOutput> outputs, Dictionary<string, ButtonWatcher> buttons, StatusLed? led)
    {
        Board = board;
        _outputs = outputs;
        _buttons = buttons;
        Led = led;
    }

    public GpioBoard Board { get; }

    public StatusLed? Led { get; }

    public IReadOnlyDictionary<string, DigitalOutput> Outputs => _outputs;

    public IReadOnlyDictionary<string, ButtonWatcher> Buttons => _buttons;

    /// <summary>Opens the board and claims every pin; outputs are off before any input is read.</summary>
    public static SiteHardware Open(SiteFile site, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(site);
        var board = GpioBoardFactory.Create(site.Board.Driver, site.Board.Chip, loggers.CreateLogger("Edge.Worker.Board"));
        try
        {
            var outputs = new Dictionary<string, DigitalOutput>(StringComparer.Ordinal);
            foreach (var config in site.Outputs)
            {
                var output = new DigitalOutput(board, config.Id, config.Pin, config.ActiveLow, time);
                output.Open();
                outputs[config.Id] = output;
            }

            var ledConfig = site.Outputs.FirstOrDefault(o => o.Kind == OutputKind.Led);
            var led = ledConfig is null ? null : new StatusLed(outputs[ledConfig.Id]);

            if (board.Virtual is { } driver)
            {
                // A virtual board starts as a building at rest: normally-closed loops closed, buttons released.
                foreach (var button in site.Buttons)
                {
                    driver.SetContact(button.Pin, closed: button.Wiring == ButtonWiring.NormallyClosed);
                }
            }

            var buttons = new Dictionary<string, ButtonWatcher>(StringComparer.Ordinal);
            var logger = loggers.CreateLogger<ButtonWatcher>();
            foreach (var config in site.Buttons)
            {
                buttons[config.Id] = new ButtonWatcher(board, ButtonWatching.OptionsFor(site, config), time, logger);
            }

            return new SiteHardware(board, outputs, buttons, led);
        }
        catch
        {
            board.Dispose();
            throw;
        }
    }

    /// <summary>Starts watching every button (after the handlers are attached).</summary>
    public void StartButtons()
    {
        foreach (var watcher in _buttons.Values)
        {
            watcher.Start();
        }
    }

    /// <summary>Presses or releases a button on the virtual board, as a person would, whatever its wiring.</summary>
    public void SetVirtualButton(string buttonId, bool pressed)
    {
        var driver = Board.Virtual ?? throw new InvalidOperationException("Only the virtual board has buttons that software can press.");
        var watcher = _buttons[buttonId];
        var closed = watcher.Options.Wiring == ButtonWiring.NormallyOpen ? pressed : !pressed;
        driver.SetContact(watcher.Options.Pin, closed);
    }

    public void Dispose()
    {
        foreach (var watcher in _buttons.Values)
        {
            watcher.Dispose();
        }

        foreach (var output in _outputs.Values)
        {
            output.Dispose();
        }

        Board.Dispose();
    }
}
