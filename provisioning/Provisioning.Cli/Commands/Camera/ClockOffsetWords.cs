using System.Globalization;
using Provisioning.Cli.Parsing;

namespace Provisioning.Cli.Commands.Camera;

/// <summary>
/// "3 years 1 day ahead", "4 h 05 min behind", "in step": a camera's clock offset in words.
/// </summary>
/// <remarks>
/// Hardware.Onvif has the same wording internally (AuthenticationFailure.DescribeOffset) but does not expose it. This
/// one also rounds first: a camera reports whole seconds, so an offset of exactly three years is measured a fraction
/// of a second short, and truncating would say "2 years 365 days".
/// </remarks>
internal static class ClockOffsetWords
{
    /// <summary>Cameras accept WS-Security timestamps a few minutes off; beyond this, the clock is worth fixing.</summary>
    public static readonly TimeSpan FarOff = TimeSpan.FromMinutes(2);

    public static string Describe(TimeSpan offset)
    {
        var seconds = Math.Round(offset.Duration().TotalSeconds);

        // Cameras report whole seconds: a second either way is measurement, not drift.
        if (seconds <= 1)
        {
            return "in step with this computer's clock";
        }

        string amount;
        if (seconds >= DurationText.Year.TotalSeconds - (12 * 3600))
        {
            var days = Math.Round(seconds / 86_400);
            var years = (int)((days + 0.5) / DurationText.Year.TotalDays);
            var rest = (int)Math.Max(0, Math.Round(days - (years * DurationText.Year.TotalDays)));
            amount = Invariant($"{years} year{(years > 1 ? "s" : string.Empty)} {rest} day{(rest == 1 ? string.Empty : "s")}");
        }
        else if (seconds >= 86_400)
        {
            var size = TimeSpan.FromSeconds(seconds);
            amount = Invariant($"{size.Days} day{(size.Days > 1 ? "s" : string.Empty)} {size.Hours} h");
        }
        else if (seconds >= 3600)
        {
            var size = TimeSpan.FromSeconds(seconds);
            amount = Invariant($"{(int)size.TotalHours} h {size.Minutes:00} min");
        }
        else
        {
            var size = TimeSpan.FromSeconds(seconds);
            amount = Invariant($"{(int)size.TotalMinutes} min {size.Seconds:00} s");
        }

        return amount + (offset > TimeSpan.Zero ? " ahead of this computer's clock" : " behind this computer's clock");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
