using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Hardware.Onvif.Security;

namespace Hardware.Onvif.Simulator;

/// <summary>
/// The server side of HTTP digest (RFC 7616): issues challenges — one per algorithm, SHA-256 first, as in
/// the ONVIF Core example — and checks the Authorization header against the configured password.
/// </summary>
internal sealed class HttpDigestValidator(string userName, string password)
{
    public const string Realm = "VirtualCamera";
    private readonly ConcurrentDictionary<string, byte> _issuedNonces = new(StringComparer.Ordinal);
    private readonly string _opaque = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public IReadOnlyList<string> CreateChallenges()
    {
        string nonce = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        _issuedNonces[nonce] = 0;
        return
        [
            $"Digest realm=\"{Realm}\", qop=\"auth\", algorithm=SHA-256, nonce=\"{nonce}\", opaque=\"{_opaque}\"",
            $"Digest realm=\"{Realm}\", qop=\"auth\", algorithm=MD5, nonce=\"{nonce}\", opaque=\"{_opaque}\"",
        ];
    }

    /// <summary>Null when the header proves the password, else why not.</summary>
    /// <param name="authorization">The Authorization header, if any.</param>
    /// <param name="method">The request method.</param>
    /// <param name="requestTarget">The request target exactly as sent (path and query).</param>
    public string? Validate(string? authorization, string method, string requestTarget)
    {
        if (authorization is null || !authorization.StartsWith("Digest ", StringComparison.OrdinalIgnoreCase))
        {
            return "no Digest Authorization header";
        }

        IReadOnlyDictionary<string, string> p = AuthenticationHeaderParser.ParseParameters(authorization["Digest ".Length..]);
        string Get(string name) => p.TryGetValue(name, out string? value) ? value : string.Empty;

        if (!string.Equals(Get("username"), userName, StringComparison.Ordinal))
        {
            return $"unknown user '{Get("username")}'";
        }

        if (!_issuedNonces.ContainsKey(Get("nonce")) || Get("realm") != Realm)
        {
            return "nonce or realm not issued by this camera";
        }

        if (Get("uri") != requestTarget)
        {
            return $"digest uri '{Get("uri")}' is not the request target '{requestTarget}'";
        }

        if (HttpDigest.ParseAlgorithm(p.GetValueOrDefault("algorithm")) is not { } algorithm)
        {
            return $"unsupported algorithm {Get("algorithm")}";
        }

        string? qop = p.GetValueOrDefault("qop");
        string expected = HttpDigest.ComputeResponse(algorithm, userName, Realm, password, method, requestTarget, Get("nonce"),
            qop, p.GetValueOrDefault("nc"), p.GetValueOrDefault("cnonce"));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(Get("response")))
            ? null
            : "wrong digest response";
    }
}
