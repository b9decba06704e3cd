using System.Globalization;
using Hardware.Onvif.Errors;

namespace Hardware.Onvif.Security;

/// <summary>Words the "wrong user name or password" error, with the clock hint a field technician needs.</summary>
internal static class AuthenticationFailure
{
    /// <summary>Beyond this, a clock difference is worth mentioning: cameras tolerate seconds to a few minutes.</summary>
    private static readonly TimeSpan s_noticeableOffset = TimeSpan.FromMinutes(2);

    public static OnvifAuthenticationException Create(Uri endpoint, string operation, string? userName, CameraClock clock, bool viaHttp)
    {
        string message;
        if (userName is null)
        {
            message = $"The camera at {endpoint} requires a user name and password for {operation}, and none was given.";
        }
        else
        {
            string layer = viaHttp ? "HTTP authentication" : "WS-Security";
            message = $"The camera at {endpoint} refused user '{userName}' ({layer}, {operation}): wrong user name or password.";
            if (!clock.IsKnown)
            {
                message += " The camera's clock could not be read, so the WS-Security timestamps used ours: a camera whose clock is far off"
                    + " refuses even a correct password. Check its date and time (NTP).";
            }
            else if (clock.Offset.Duration() >= s_noticeableOffset)
            {
                message += $" Note: the camera's clock is {DescribeOffset(clock.Offset)}. That offset was applied to the WS-Security timestamps,"
                    + " so the password is the likely cause; if the camera's time was changed since, fix it (NTP) and retry.";
            }
        }

        return new OnvifAuthenticationException(message)
        {
            Endpoint = endpoint,
            Operation = operation,
            UserName = userName,
            ClockOffset = clock.IsKnown ? clock.Offset : null,
        };
    }

    /// <summary>"3 years 2 days ahead of ours", "4 h 05 min behind ours", "in step with ours".</summary>
    public static string DescribeOffset(TimeSpan offset)
    {
        TimeSpan size = offset.Duration();
        if (size < TimeSpan.FromSeconds(1))
        {
            return "in step with ours";
        }

        string amount;
        if (size >= TimeSpan.FromDays(365))
        {
            int years = (int)(size.TotalDays / 365.25);
            int days = (int)(size.TotalDays - (years * 365.25));
            amount = string.Create(CultureInfo.InvariantCulture, $"{years} year{(years > 1 ? "s" : string.Empty)} {days} day{(days == 1 ? string.Empty : "s")}");
        }
        else if (size >= TimeSpan.FromDays(1))
        {
            amount = string.Create(CultureInfo.InvariantCulture, $"{size.Days} day{(size.Days > 1 ? "s" : string.Empty)} {size.Hours} h");
        }
        else if (size >= TimeSpan.FromHours(1))
        {
            amount = string.Create(CultureInfo.InvariantCulture, $"{(int)size.TotalHours} h {size.Minutes:00} min");
        }
        else
        {
            amount = string.Create(CultureInfo.InvariantCulture, $"{(int)size.TotalMinutes} min {size.Seconds:00} s");
        }

        return amount + (offset > TimeSpan.Zero ? " ahead of ours" : " behind ours");
    }
}
