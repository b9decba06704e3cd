using System.Globalization;
using System.Net;

namespace Provisioning.Cli.Parsing;

/// <summary><c>192.0.2.10:3702</c>, <c>[::1]:3702</c> or <c>localhost:3702</c>.</summary>
internal static class EndPointText
{
    public static bool TryParse(string? text, out IPEndPoint? endPoint)
    {
        endPoint = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (IPEndPoint.TryParse(text.Trim(), out var parsed) && parsed.Port != 0)
        {
            endPoint = parsed;
            return true;
        }

        var colon = text.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(text.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            return false;
        }

        try
        {
            var address = Dns.GetHostAddresses(text[..colon]).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
            endPoint = address is null ? null : new IPEndPoint(address, port);
            return endPoint is not null;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}
