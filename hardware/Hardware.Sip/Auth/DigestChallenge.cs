namespace Hardware.Sip.Auth;

/// <summary>
/// A parsed <c>WWW-Authenticate</c> or <c>Proxy-Authenticate</c> Digest challenge (RFC 2617 §3.2.1, RFC 7616 §3.3).
/// </summary>
internal sealed class DigestChallenge
{
    private DigestChallenge(IReadOnlyDictionary<string, string> parameters)
    {
        Parameters = parameters;
    }

    /// <summary>All parameters, unquoted, by lower-case name.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>The protection space.</summary>
    public string Realm => Parameters.GetValueOrDefault("realm") ?? string.Empty;

    /// <summary>The server nonce.</summary>
    public string Nonce => Parameters.GetValueOrDefault("nonce") ?? string.Empty;

    /// <summary>Opaque value to echo, or null.</summary>
    public string? Opaque => Parameters.GetValueOrDefault("opaque");

    /// <summary>The algorithm as the server spelled it (default <c>MD5</c>, RFC 2617 §3.2.1).</summary>
    public string Algorithm => Parameters.GetValueOrDefault("algorithm") ?? "MD5";

    /// <summary>True when the server says the nonce was merely stale, not the credentials wrong (RFC 2617 §3.2.1).</summary>
    public bool Stale => string.Equals(Parameters.GetValueOrDefault("stale"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The qop options offered (e.g. <c>auth</c>, <c>auth-int</c>); empty for RFC 2069 style.</summary>
    public IReadOnlyList<string> QopOptions =>
        (Parameters.GetValueOrDefault("qop") ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The hash this challenge asks for, or null when .NET cannot compute it (e.g. SHA-512-256).</summary>
    public DigestAlgorithm? SupportedAlgorithm => DigestAlgorithmNames.TryParse(Algorithm);

    /// <summary>Parses a challenge header value; returns null when it is not a Digest challenge.</summary>
    public static DigestChallenge? TryParse(string headerValue)
    {
        var text = headerValue.Trim();
        if (!text.StartsWith("Digest", StringComparison.OrdinalIgnoreCase) || text.Length <= 6 || !char.IsWhiteSpace(text[6]))
        {
            return null;
        }
        return new DigestChallenge(ParseParameters(text[6..]));
    }

    internal static Dictionary<string, string> ParseParameters(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in Messages.HeaderText.SplitOutsideQuotes(text, ','))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }
            result[part[..eq].Trim().ToLowerInvariant()] = Messages.HeaderText.Unquote(part[(eq + 1)..]);
        }
        return result;
    }
}
