using Edge.Core.Configuration.Model;
using Hardware.Gpio.Buttons;

namespace Edge.Core.Configuration;

/// <summary>
/// A site file's button as a <see cref="ButtonWatcher"/> must be set up for it: its debounce, stuck time, the board's
/// poll interval, and every gesture a scenario expects on it (triggers and cancels). The box and the installer's wiring
/// test both use this, so that what the installer sees is what the box will do.
/// </summary>
public static class ButtonWatching
{
    public static ButtonOptions OptionsFor(SiteFile site, ButtonConfig button)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(button);
        var gestures = site.Scenarios
            .SelectMany(s => new[] { (s.Trigger.Button, s.Trigger.Gesture), (s.Cancel?.Button, s.Cancel?.Gesture) })
            .Where(g => g.Item1 == button.Id && g.Item2 is not null)
            .Select(g => g.Item2!)
            .Distinct()
            .ToList();

        return new ButtonOptions
        {
            Id = button.Id,
            Pin = button.Pin,
            Wiring = button.Wiring,
            Pull = button.Pull,
            Debounce = TimeSpan.FromMilliseconds(button.DebounceMs),
            StuckAfter = TimeSpan.FromSeconds(button.StuckAfterSeconds),
            PollInterval = TimeSpan.FromMilliseconds(site.Board.PollIntervalMs),

            // A button that starts nothing is still watched (status page, wiring test, faults).
            Gestures = gestures.Count > 0 ? gestures : [GestureDefinition.Single],
        };
    }
}
