using Edge.Core.Configuration.Model;
using Hardware.Gpio.Buttons;

namespace Provisioning.Cli.Commands.Wiring;

/// <summary>
/// A site file's button as the box's <see cref="ButtonWatcher"/> is set up for it: same debounce, stuck time, poll
/// interval and gestures, so that the wiring test sees exactly what the box will.
/// </summary>
/// <remarks>
/// The same mapping as <c>Edge.Worker.Hardware.SiteHardware.OptionsFor</c>, which is private to the worker (an exe
/// this tool does not reference). Keep both in step; moving it to Edge.Core would end the copy.
/// </remarks>
internal static class SiteButtonOptions
{
    public static ButtonOptions For(SiteFile site, ButtonConfig button)
    {
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
            Gestures = gestures.Count > 0 ? gestures : [GestureDefinition.Single],
        };
    }
}
