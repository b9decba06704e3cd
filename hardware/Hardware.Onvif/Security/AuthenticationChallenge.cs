namespace Hardware.Onvif.Security;

/// <summary>One challenge of a <c>WWW-Authenticate</c> header: its scheme and its parameters (RFC 7235 §2.1).</summary>
internal sealed record AuthenticationChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public bool IsDigest => Scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public string? this[string name] => Parameters.TryGetValue(name, out string? value) ? value : null;

    public bool IsStale => string.Equals(this["stale"], "true", StringComparison.OrdinalIgnoreCase);
}
