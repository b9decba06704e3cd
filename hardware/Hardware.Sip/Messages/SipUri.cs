using System.Globalization;
using System.Text;

namespace Hardware.Sip.Messages;

/// <summary>
/// A SIP or SIPS URI (RFC 3261 §19.1): <c>sip:user@host:port;param=value?header=value</c>.
/// Immutable; parameters keep their order and spelling so that a URI can be echoed back as received.
/// </summary>
public sealed class SipUri : IEquatable<SipUri>
{
    private readonly IReadOnlyList<KeyValuePair<string, string?>> _parameters;

    /// <summary>Creates a URI from its parts.</summary>
    public SipUri(string scheme, string? user, string host, int? port = null,
        IEnumerable<KeyValuePair<string, string?>>? parameters = null, string? headers = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(scheme);
        ArgumentException.ThrowIfNullOrEmpty(host);
        Scheme = scheme.ToLowerInvariant();
        User = string.IsNullOrEmpty(user) ? null : user;
        Host = host;
        Port = port;
        _parameters = parameters?.ToArray() ?? [];
        Headers = string.IsNullOrEmpty(headers) ? null : headers;
    }

    /// <summary><c>sip</c> or <c>sips</c>.</summary>
    public string Scheme { get; }

    /// <summary>The user part (may be null, e.g. for a registrar <c>sip:pbx.example</c>).</summary>
    public string? User { get; }

    /// <summary>Host name, IPv4 literal, or IPv6 reference in brackets.</summary>
    public string Host { get; }

    /// <summary>Explicit port, or null for the default (5060, or 5061 for sips).</summary>
    public int? Port { get; }

    /// <summary>The URI parameters in order (<c>transport</c>, <c>lr</c>, …). Flag parameters have a null value.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Parameters => _parameters;

    /// <summary>The raw header part after <c>?</c>, if any.</summary>
    public string? Headers { get; }

    /// <summary>The port to use when none is given.</summary>
    public int EffectivePort => Port ?? (Scheme == "sips" ? 5061 : 5060);

    /// <summary>The <c>transport</c> parameter, lower case, or null.</summary>
    public string? Transport => GetParameter("transport")?.ToLowerInvariant();

    /// <summary>True when the URI carries the <c>lr</c> (loose routing) parameter.</summary>
    public bool IsLooseRouter => HasParameter("lr");

    /// <summary>The value of a parameter (case-insensitive name), or null when absent or a flag.</summary>
    public string? GetParameter(string name) =>
        _parameters.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>True when the parameter is present (with or without a value).</summary>
    public bool HasParameter(string name) =>
        _parameters.Any(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A copy with a parameter added or replaced.</summary>
    public SipUri WithParameter(string name, string? value)
    {
        var list = _parameters.Where(p => !string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).ToList();
        list.Add(new(name, value));
        return new SipUri(Scheme, User, Host, Port, list, Headers);
    }

    /// <summary>A copy without the given parameter.</summary>
    public SipUri WithoutParameter(string name) =>
        new(Scheme, User, Host, Port,
            _parameters.Where(p => !string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)), Headers);

    /// <summary>Parses a SIP URI; throws <see cref="FormatException"/> when it is not one.</summary>
    public static SipUri Parse(string text)
    {
        if (!TryParse(text, out var uri))
        {
            throw new FormatException($"Not a SIP URI: '{text}'.");
        }
        return uri;
    }

    /// <summary>Parses a SIP URI without throwing.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SipUri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var s = text.Trim();
        var colon = s.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }
        var scheme = s[..colon].ToLowerInvariant();
        if (scheme is not ("sip" or "sips"))
        {
            return false;
        }
        var rest = s[(colon + 1)..];
        string? headers = null;
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            headers = rest[(question + 1)..];
            rest = rest[..question];
        }
        string? user = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0)
        {
            user = rest[..at];
            // The user part may carry its own password (sip:user:pw@host, deprecated): drop it.
            var userColon = user.IndexOf(':', StringComparison.Ordinal);
            if (userColon >= 0)
            {
                user = user[..userColon];
            }
            rest = rest[(at + 1)..];
        }
        var semicolon = rest.IndexOf(';', StringComparison.Ordinal);
        var hostPort = semicolon >= 0 ? rest[..semicolon] : rest;
        var parameterText = semicolon >= 0 ? rest[(semicolon + 1)..] : string.Empty;
        if (!TrySplitHostPort(hostPort, out var host, out var port))
        {
            return false;
        }
        uri = new SipUri(scheme, user, host, port, ParseParameters(parameterText), headers);
        return true;
    }

    internal static bool TrySplitHostPort(string hostPort, out string host, out int? port)
    {
        host = hostPort.Trim();
        port = null;
        if (host.Length == 0)
        {
            return false;
        }
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }
            var after = host[(close + 1)..];
            host = host[..(close + 1)];
            if (after.StartsWith(':'))
            {
                if (!int.TryParse(after[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var p6) || p6 is <= 0 or > 65535)
                {
                    return false;
                }
                port = p6;
            }
            return true;
        }
        var colon = host.LastIndexOf(':');
        if (colon >= 0)
        {
            if (!int.TryParse(host[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var p) || p is <= 0 or > 65535)
            {
                return false;
            }
            port = p;
            host = host[..colon];
        }
        return host.Length > 0;
    }

    internal static List<KeyValuePair<string, string?>> ParseParameters(string text)
    {
        var list = new List<KeyValuePair<string, string?>>();
        foreach (var part in HeaderText.SplitOutsideQuotes(text, ';'))
        {
            var p = part.Trim();
            if (p.Length == 0)
            {
                continue;
            }
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            list.Add(eq < 0
                ? new(p, null)
                : new(p[..eq].Trim(), p[(eq + 1)..].Trim()));
        }
        return list;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(Scheme).Append(':');
        if (User is not null)
        {
            sb.Append(User).Append('@');
        }
        sb.Append(Host);
        if (Port is { } port)
        {
            sb.Append(':').Append(port.ToString(CultureInfo.InvariantCulture));
        }
        foreach (var (key, value) in _parameters)
        {
            sb.Append(';').Append(key);
            if (value is not null)
            {
                sb.Append('=').Append(value);
            }
        }
        if (Headers is not null)
        {
            sb.Append('?').Append(Headers);
        }
        return sb.ToString();
    }

    /// <inheritdoc />
    public bool Equals(SipUri? other) =>
        other is not null && string.Equals(ToString(), other.ToString(), StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SipUri);

    /// <inheritdoc />
    public override int GetHashCode() => StringComparer.OrdinalIgnoreCase.GetHashCode(ToString());
}
