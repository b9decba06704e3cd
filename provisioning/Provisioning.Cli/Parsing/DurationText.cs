using System.Globalization;
using System.Text.RegularExpressions;

namespace Provisioning.Cli.Parsing;

/// <summary>
/// Durations as an installer types them: <c>3s</c>, <c>500ms</c>, <c>2m</c>, <c>1h</c>, <c>2d</c>, <c>3y</c>,
/// <c>-5m</c> (a clock behind), or <c>00:00:03</c>. A year is 365.25 days, as in the camera clock messages.
/// </summary>
internal static partial class DurationText
{
    public const string Examples = "e.g. 3s, 500ms, 2m, 1h, 2d, 3y, -5m";

    public static readonly TimeSpan Year = TimeSpan.FromDays(365.25);

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var match = UnitPattern().Match(text.Trim());
        if (!match.Success)
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration);
        }

        var amount = double.Parse(match.Groups["amount"].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
        var unit = match.Groups["unit"].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(1),
            "s" => TimeSpan.FromSeconds(1),
            "m" or "min" => TimeSpan.FromMinutes(1),
            "h" => TimeSpan.FromHours(1),
            "d" => TimeSpan.FromDays(1),
            _ => Year,
        };
        var ticks = amount * unit.Ticks;
        if (double.IsNaN(ticks) || Math.Abs(ticks) >= TimeSpan.MaxValue.Ticks)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)ticks);
        return true;
    }

    [GeneratedRegex(@"^(?<amount>[+-]?\d+(\.\d+)?)\s*(?<unit>ms|s|min|m|h|d|y)$", RegexOptions.CultureInvariant)]
    private static partial Regex UnitPattern();
}
