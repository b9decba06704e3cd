using Hardware.Sip.Messages;

namespace Hardware.Sip.Calls;

/// <summary>DTMF carried in SIP INFO bodies: <c>application/dtmf-relay</c> (<c>Signal=1</c>) or <c>application/dtmf</c> (<c>1</c>).</summary>
internal static class DtmfInfo
{
    public static char? TryParse(SipRequest request)
    {
        var type = request.Headers.Get("Content-Type") ?? string.Empty;
        var body = request.BodyText;
        if (type.StartsWith("application/dtmf-relay", StringComparison.OrdinalIgnoreCase))
        {
            foreach (var line in body.Split('\n'))
            {
                var parts = line.Split('=', 2, StringSplitOptions.TrimEntries);
                if (parts.Length == 2 && parts[0].Equals("Signal", StringComparison.OrdinalIgnoreCase))
                {
                    return Normalize(parts[1]);
                }
            }
            return null;
        }
        return type.StartsWith("application/dtmf", StringComparison.OrdinalIgnoreCase) ? Normalize(body.Trim()) : null;
    }

    private static char? Normalize(string value)
    {
        var v = value.Trim();
        return v switch
        {
            "10" => '*',
            "11" => '#',
            { Length: 1 } when "0123456789*#ABCDabcd".Contains(v[0], StringComparison.Ordinal) => char.ToUpperInvariant(v[0]),
            _ => null,
        };
    }
}
