using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Relay.Core.Certificates;

/// <summary>How a certificate is named to people: <c>sha256:</c> and the lower-case hex SHA-256 of its DER bytes.</summary>
public static class Fingerprints
{
    public static string Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(certificate.RawDataMemory.Span));
    }
}
