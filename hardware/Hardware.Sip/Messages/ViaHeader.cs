using System.Globalization;
using System.Text;

namespace Hardware.Sip.Messages;

/// <summary>One Via value (RFC 3261 §20.42) with the RFC 3581 <c>rport</c>/<c>received</c> parameters.</summary>
internal sealed class ViaHeader
{
    /// <summary>The branch magic cookie that marks RFC 3261 branches (§8.1.1.7).</summary>
    public const string MagicCookie = "z9hG4bK";

    /// <summary>Creates a Via value.</summary>
    public ViaHeader(string transport, string host, int? port, IEnumerable<KeyValuePair<string, string?>>? parameters = null)
    {
        Transport = transport.ToUpperInvariant();
        Host = host;
        Port = port;
        Parameters = parameters?.ToArray() ?? [];
    }

    /// <summary>UDP, TCP, TLS…</summary>
    public string Transport { get; }

    /// <summary>The sent-by host.</summary>
    public string Host { get; }

    /// <summary>The sent-by port, or null.</summary>
    public int? Port { get; }

    /// <summary>Parameters in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Parameters { get; }

    /// <summary>The branch parameter (transaction id), or null.</summary>
    public string? Branch => GetParameter("branch");

    /// <summary>The <c>received</c> address the server saw (§18.2.1), or null.</summary>
    public string? Received => GetParameter("received");

    /// <summary>The <c>rport</c> value filled in by the server (RFC 3581 §4), or null when absent or empty.</summary>
    public int? RPort =>
        int.TryParse(GetParameter("rport"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;

    /// <summary>Value of a parameter, or null.</summary>
    public string? GetParameter(string name) =>
        Parameters.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>Parses one Via value such as <c>SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bK1;rport</c>.</summary>
    public static ViaHeader Parse(string text)
    {
        var t = text.Trim();
        // "SIP / 2.0 / UDP" may contain linear white space around the slashes (§25.1).
        var semicolon = t.IndexOf(';', StringComparison.Ordinal);
        var head = semicolon >= 0 ? t[..semicolon] : t;
        var paramText = semicolon >= 0 ? t[(semicolon + 1)..] : string.Empty;
        var slashParts = head.Split('/', 3);
        if (slashParts.Length != 3 || !slashParts[0].Trim().Equals("SIP", StringComparison.OrdinalIgnoreCase))
        {
            throw new FormatException($"Bad Via: '{text}'.");
        }
        var rest = slashParts[2].Trim();
        var space = rest.IndexOfAny([' ', '\t']);
        if (space < 0)
        {
            throw new FormatException($"Bad Via sent-by: '{text}'.");
        }
        var transport = rest[..space];
        var sentBy = rest[(space + 1)..].Replace(" ", string.Empty, StringComparison.Ordinal);
        if (!SipUri.TrySplitHostPort(sentBy, out var host, out var port))
        {
            throw new FormatException($"Bad Via sent-by: '{text}'.");
        }
        return new ViaHeader(transport, host, port, SipUri.ParseParameters(paramText));
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder("SIP/2.0/").Append(Transport).Append(' ').Append(Host);
        if (Port is { } port)
        {
            sb.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }
        foreach (var (key, value) in Parameters)
        {
            sb.Append(';').Append(key);
            if (value is not null)
            {
                sb.Append('=').Append(value);
            }
        }
        return sb.ToString();
    }
}
