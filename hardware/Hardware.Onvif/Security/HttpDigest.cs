using System.Security.Cryptography;
using System.Text;

namespace Hardware.Onvif.Security;

/// <summary>
/// HTTP Digest computations (RFC 2617 §3.2.2, RFC 7616 §3.4). ONVIF Core asks for digest on every HTTP
/// method, snapshots included, and dual-mode cameras answer 401 to requests without it.
/// </summary>
internal static class HttpDigest
{
    /// <summary>Parses the <c>algorithm</c> parameter; null when absent means MD5, an unknown one gives null.</summary>
    public static DigestAlgorithm? ParseAlgorithm(string? algorithm) => algorithm?.Trim().ToUpperInvariant() switch
    {
        null or "" or "MD5" => DigestAlgorithm.Md5,
        "MD5-SESS" => DigestAlgorithm.Md5Sess,
        "SHA-256" => DigestAlgorithm.Sha256,
        "SHA-256-SESS" => DigestAlgorithm.Sha256Sess,
        _ => null,
    };

    public static string AlgorithmName(DigestAlgorithm algorithm) => algorithm switch
    {
        DigestAlgorithm.Md5 => "MD5",
        DigestAlgorithm.Md5Sess => "MD5-sess",
        DigestAlgorithm.Sha256 => "SHA-256",
        DigestAlgorithm.Sha256Sess => "SHA-256-sess",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm)),
    };

    /// <summary>
    /// The <c>response</c> value. With <paramref name="qop"/> null this is the RFC 2069 form
    /// H(HA1:nonce:HA2) that some old cameras still use.
    /// </summary>
    public static string ComputeResponse(
        DigestAlgorithm algorithm,
        string userName,
        string realm,
        string password,
        string method,
        string digestUri,
        string nonce,
        string? qop,
        string? nonceCount,
        string? clientNonce)
    {
        string ha1 = Hash(algorithm, $"{userName}:{realm}:{password}");
        if (algorithm is DigestAlgorithm.Md5Sess or DigestAlgorithm.Sha256Sess)
        {
            ha1 = Hash(algorithm, $"{ha1}:{nonce}:{clientNonce}");
        }

        string ha2 = Hash(algorithm, $"{method}:{digestUri}");
        return qop is null
            ? Hash(algorithm, $"{ha1}:{nonce}:{ha2}")
            : Hash(algorithm, $"{ha1}:{nonce}:{nonceCount}:{clientNonce}:{qop}:{ha2}");
    }

    private static string Hash(DigestAlgorithm algorithm, string text)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
#pragma warning disable CA5351 // MD5 is what most cameras offer; the algorithm is the server's choice (RFC 7616 keeps it for compatibility).
        byte[] hash = algorithm is DigestAlgorithm.Sha256 or DigestAlgorithm.Sha256Sess ? SHA256.HashData(bytes) : MD5.HashData(bytes);
#pragma warning restore CA5351
        return Convert.ToHexStringLower(hash);
    }
}
