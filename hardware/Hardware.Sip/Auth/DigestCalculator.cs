using System.Security.Cryptography;
using System.Text;

namespace Hardware.Sip.Auth;

/// <summary>
/// The digest response computation of RFC 2617 §3.2.2 / RFC 7616 §3.4.1, for MD5 and SHA-256 (and their -sess forms).
/// </summary>
internal static class DigestCalculator
{
    /// <summary>
    /// Computes the <c>response</c> value. With <paramref name="qop"/> null the RFC 2069 form
    /// <c>H(HA1:nonce:HA2)</c> is used; otherwise <c>H(HA1:nonce:nc:cnonce:qop:HA2)</c>.
    /// </summary>
    public static string ComputeResponse(DigestAlgorithm algorithm, string username, string realm, string password,
        string method, string digestUri, string nonce, string? qop, string? nonceCount, string? clientNonce)
    {
        var ha1 = Hash(algorithm, $"{username}:{realm}:{password}");
        if (DigestAlgorithmNames.IsSession(algorithm))
        {
            ha1 = Hash(algorithm, $"{ha1}:{nonce}:{clientNonce}");
        }
        var ha2 = Hash(algorithm, $"{method}:{digestUri}");
        return qop is null
            ? Hash(algorithm, $"{ha1}:{nonce}:{ha2}")
            : Hash(algorithm, $"{ha1}:{nonce}:{nonceCount}:{clientNonce}:{qop}:{ha2}");
    }

    /// <summary>Lower-case hex digest of UTF-8 text.</summary>
    public static string Hash(DigestAlgorithm algorithm, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
#pragma warning disable CA5351 // MD5 is what RFC 2617 digest mandates; it is not our choice of hash.
        var digest = algorithm is DigestAlgorithm.Sha256 or DigestAlgorithm.Sha256Sess
            ? SHA256.HashData(bytes)
            : MD5.HashData(bytes);
#pragma warning restore CA5351
        return Convert.ToHexStringLower(digest);
    }
}
