namespace Hardware.Sip.Auth;

/// <summary>The digest hash algorithms we can compute (RFC 7616 §3.2, RFC 8760 for SIP).</summary>
internal enum DigestAlgorithm
{
    /// <summary>MD5 (RFC 2617), still the most common in SIP.</summary>
    Md5,

    /// <summary>MD5-sess.</summary>
    Md5Sess,

    /// <summary>SHA-256 (RFC 7616, RFC 8760).</summary>
    Sha256,

    /// <summary>SHA-256-sess.</summary>
    Sha256Sess,
}

internal static class DigestAlgorithmNames
{
    public static DigestAlgorithm? TryParse(string name) => name.Trim().ToUpperInvariant() switch
    {
        "MD5" or "" => DigestAlgorithm.Md5,
        "MD5-SESS" => DigestAlgorithm.Md5Sess,
        "SHA-256" => DigestAlgorithm.Sha256,
        "SHA-256-SESS" => DigestAlgorithm.Sha256Sess,
        _ => null, // SHA-512-256 has no .NET primitive (protocols.md §1.5): skip such challenges.
    };

    /// <summary>Higher is stronger: used to pick among several challenges for one realm.</summary>
    public static int Strength(DigestAlgorithm algorithm) => algorithm is DigestAlgorithm.Sha256 or DigestAlgorithm.Sha256Sess ? 2 : 1;

    public static bool IsSession(DigestAlgorithm algorithm) => algorithm is DigestAlgorithm.Md5Sess or DigestAlgorithm.Sha256Sess;
}
