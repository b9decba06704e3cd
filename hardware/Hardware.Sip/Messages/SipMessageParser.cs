using System.Globalization;
using System.Text;

namespace Hardware.Sip.Messages;

/// <summary>
/// Parses SIP messages leniently, as RFC 3261 §7 asks of a receiver: compact names, folded lines,
/// repeated or comma-joined Via values, any header order, unknown headers, bare LF line ends.
/// </summary>
internal static class SipMessageParser
{
    /// <summary>Parses one whole message (a UDP datagram). Throws <see cref="FormatException"/> on garbage.</summary>
    public static SipMessage Parse(ReadOnlySpan<byte> data)
    {
        var headerEnd = FindHeaderEnd(data, out var separatorLength);
        var headText = Encoding.UTF8.GetString(headerEnd >= 0 ? data[..headerEnd] : data);
        var body = headerEnd >= 0 ? data[(headerEnd + separatorLength)..] : ReadOnlySpan<byte>.Empty;
        var message = ParseHead(headText);
        var declared = ContentLength(message.Headers);
        // §18.3: over UDP a missing Content-Length means "the rest of the datagram"; extra bytes are discarded.
        if (declared is { } length)
        {
            if (length > body.Length)
            {
                throw new FormatException($"Content-Length {length} exceeds the {body.Length} body bytes received.");
            }
            body = body[..length];
        }
        message.Body = body.ToArray();
        return message;
    }

    /// <summary>Parses one message given as text.</summary>
    public static SipMessage Parse(string text) => Parse(Encoding.UTF8.GetBytes(text));

    /// <summary>
    /// For stream transports (TCP): the length of the first complete message in the buffer, or -1 if more
    /// bytes are needed. Leading CRLF keep-alives (RFC 5626 §4.4.1) are counted in <paramref name="skip"/>.
    /// </summary>
    public static int FrameLength(ReadOnlySpan<byte> buffer, out int skip)
    {
        skip = 0;
        while (skip < buffer.Length && (buffer[skip] == '\r' || buffer[skip] == '\n'))
        {
            skip++;
        }
        var rest = buffer[skip..];
        var headerEnd = FindHeaderEnd(rest, out var separatorLength);
        if (headerEnd < 0)
        {
            return -1;
        }
        var head = ParseHead(Encoding.UTF8.GetString(rest[..headerEnd]));
        var length = ContentLength(head.Headers) ?? 0; // mandatory on streams (§18.3); absent means no body
        var total = headerEnd + separatorLength + length;
        return total <= rest.Length ? total : -1;
    }

    private static int? ContentLength(SipHeaders headers)
    {
        var text = headers.Get("Content-Length");
        if (text is null)
        {
            return null;
        }
        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"Bad Content-Length '{text}'.");
    }

    private static int FindHeaderEnd(ReadOnlySpan<byte> data, out int separatorLength)
    {
        var crlf = data.IndexOf("\r\n\r\n"u8);
        var lf = data.IndexOf("\n\n"u8);
        if (crlf >= 0 && (lf < 0 || crlf < lf))
        {
            separatorLength = 4;
            return crlf;
        }
        separatorLength = 2;
        return lf;
    }

    private static SipMessage ParseHead(string headText)
    {
        var lines = Unfold(headText.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\n').Split('\n'));
        if (lines.Count == 0 || lines[0].Length == 0)
        {
            throw new FormatException("Empty SIP message.");
        }
        var headers = new SipHeaders();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new FormatException($"Bad header line: '{line}'.");
            }
            headers.Add(line[..colon].Trim(), line[(colon + 1)..].Trim());
        }
        return ParseStartLine(lines[0], headers);
    }

    // §7.3.1: a header line starting with SP or HTAB continues the previous one.
    private static List<string> Unfold(string[] rawLines)
    {
        var lines = new List<string>(rawLines.Length);
        foreach (var raw in rawLines)
        {
            if (raw.Length > 0 && (raw[0] == ' ' || raw[0] == '\t') && lines.Count > 1)
            {
                lines[^1] = lines[^1].TrimEnd() + " " + raw.Trim();
            }
            else
            {
                lines.Add(raw.TrimEnd('\r'));
            }
        }
        return lines;
    }

    private static SipMessage ParseStartLine(string line, SipHeaders headers)
    {
        if (line.StartsWith("SIP/", StringComparison.OrdinalIgnoreCase))
        {
            var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                || code is < 100 or > 699)
            {
                throw new FormatException($"Bad status line: '{line}'.");
            }
            return new SipResponse(code, parts.Length > 2 ? parts[2].Trim() : string.Empty, headers);
        }
        var request = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (request.Length != 3 || !request[2].StartsWith("SIP/", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"Bad request line: '{line}'.");
        }
        return new SipRequest(request[0], SipUri.Parse(request[1]), headers);
    }
}
