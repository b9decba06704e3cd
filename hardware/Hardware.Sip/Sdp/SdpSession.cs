using System.Globalization;
using System.Net;

namespace Hardware.Sip.Sdp;

/// <summary>
/// The parts of an SDP body (RFC 4566) that an audio-only G.711 user agent needs: connection address,
/// the first audio stream, its payload types, rtpmaps, direction. Unknown lines and attributes are ignored.
/// </summary>
internal sealed class SdpSession
{
    /// <summary>Session-level or audio-level connection address (<c>c=</c>).</summary>
    public IPAddress? ConnectionAddress { get; private init; }

    /// <summary>The audio port from <c>m=audio</c> (0 = stream rejected).</summary>
    public int AudioPort { get; private init; }

    /// <summary>The payload types of <c>m=audio</c>, in preference order.</summary>
    public IReadOnlyList<int> PayloadTypes { get; private init; } = [];

    /// <summary><c>a=rtpmap</c> encodings by payload type (e.g. 101 → <c>telephone-event/8000</c>).</summary>
    public IReadOnlyDictionary<int, string> RtpMaps { get; private init; } = new Dictionary<int, string>();

    /// <summary>Direction attribute of the audio stream (<c>sendrecv</c> when absent, RFC 3264 §5.1).</summary>
    public string Direction { get; private init; } = "sendrecv";

    /// <summary>The RTP end point of the audio stream, or null when it has none.</summary>
    public IPEndPoint? AudioEndPoint =>
        ConnectionAddress is not null && AudioPort > 0 ? new IPEndPoint(ConnectionAddress, AudioPort) : null;

    /// <summary>The payload type mapped to <c>telephone-event</c> (RFC 4733), or null.</summary>
    public int? TelephoneEventPayloadType =>
        RtpMaps.Where(m => m.Value.StartsWith("telephone-event/", StringComparison.OrdinalIgnoreCase))
            .Select(m => (int?)m.Key).FirstOrDefault();

    /// <summary>Parses SDP text; throws <see cref="FormatException"/> when it has no audio stream.</summary>
    public static SdpSession Parse(string text)
    {
        IPAddress? sessionAddress = null;
        IPAddress? audioAddress = null;
        var inAudio = false;
        var seenAudio = false;
        var port = 0;
        var payloadTypes = new List<int>();
        var rtpMaps = new Dictionary<int, string>();
        var direction = "sendrecv";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r').Trim();
            if (line.Length < 2 || line[1] != '=')
            {
                continue;
            }
            var value = line[2..];
            switch (line[0])
            {
                case 'm':
                    // Only the first audio stream matters; later m= lines (video…) end it.
                    inAudio = !seenAudio && value.StartsWith("audio ", StringComparison.OrdinalIgnoreCase);
                    if (inAudio)
                    {
                        seenAudio = true;
                        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                        port = int.Parse(parts[1].Split('/')[0], NumberStyles.None, CultureInfo.InvariantCulture);
                        payloadTypes.AddRange(parts.Skip(3)
                            .Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var pt) ? pt : -1)
                            .Where(pt => pt >= 0));
                    }
                    break;
                case 'c':
                    var address = ParseConnection(value);
                    if (inAudio)
                    {
                        audioAddress = address;
                    }
                    else if (!seenAudio)
                    {
                        sessionAddress = address;
                    }
                    break;
                case 'a' when inAudio || !seenAudio:
                    ParseAttribute(value, rtpMaps, ref direction);
                    break;
            }
        }
        if (!seenAudio)
        {
            throw new FormatException("SDP has no m=audio line.");
        }
        foreach (var pt in payloadTypes)
        {
            // Static payload types need no rtpmap (RFC 3551 Table 4).
            if (!rtpMaps.ContainsKey(pt))
            {
                if (pt == 0)
                {
                    rtpMaps[pt] = "PCMU/8000";
                }
                else if (pt == 8)
                {
                    rtpMaps[pt] = "PCMA/8000";
                }
            }
        }
        return new SdpSession
        {
            ConnectionAddress = audioAddress ?? sessionAddress,
            AudioPort = port,
            PayloadTypes = payloadTypes,
            RtpMaps = rtpMaps,
            Direction = direction,
        };
    }

    private static IPAddress? ParseConnection(string value)
    {
        // c=IN IP4 192.0.2.1[/ttl]
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 3 && IPAddress.TryParse(parts[2].Split('/')[0], out var address) ? address : null;
    }

    private static void ParseAttribute(string value, Dictionary<int, string> rtpMaps, ref string direction)
    {
        if (value.StartsWith("rtpmap:", StringComparison.OrdinalIgnoreCase))
        {
            var rest = value["rtpmap:".Length..];
            var space = rest.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0 && int.TryParse(rest[..space], NumberStyles.None, CultureInfo.InvariantCulture, out var pt))
            {
                rtpMaps[pt] = rest[(space + 1)..].Trim();
            }
        }
        else if (value is "sendrecv" or "sendonly" or "recvonly" or "inactive")
        {
            direction = value;
        }
    }
}
