using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Relay.Core.Certificates;

/// <summary>
/// A box's PKCS#10 certificate signing request, as far as the relay cares: a public key strong enough (ECDSA P-256,
/// P-384 or P-521, or RSA of at least 2048 bits, the ANSSI RGS B1 floor), a valid self-signature (the box holds the
/// private key), and the common name it asks for, if any. Requested extensions are ignored, never copied.
/// </summary>
public sealed class SigningRequest
{
    /// <summary>A CSR is about 500 bytes of PEM (ECDSA) or 1.5 KB (RSA 4096); anything far larger is not one.</summary>
    public const int MaxPemLength = 16 * 1024;

    private static readonly string[] s_namedCurves = ["1.2.840.10045.3.1.7", "1.3.132.0.34", "1.3.132.0.35"];

    private SigningRequest(PublicKey publicKey, string? commonName, string keyDescription)
    {
        PublicKey = publicKey;
        CommonName = commonName;
        KeyDescription = keyDescription;
    }

    public PublicKey PublicKey { get; }

    /// <summary>The CN of the requested subject; null when the subject is empty or has none.</summary>
    public string? CommonName { get; }

    /// <summary>"ECDSA P-256", "RSA 3072": for the audit log.</summary>
    public string KeyDescription { get; }

    /// <summary>Reads and checks a PEM CSR; on refusal <paramref name="problem"/> says why, in words for the installer.</summary>
    public static bool TryRead(string? pem, [NotNullWhen(true)] out SigningRequest? request, [NotNullWhen(false)] out string? problem)
    {
        request = null;
        if (string.IsNullOrWhiteSpace(pem) || pem.Length > MaxPemLength)
        {
            problem = $"csr must be a PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----) of at most {MaxPemLength} characters.";
            return false;
        }

        CertificateRequest loaded;
        try
        {
            // Default options check the request's signature: proof that whoever sent it holds the private key.
            loaded = CertificateRequest.LoadSigningRequestPem(pem, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.Default, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException ex)
        {
            problem = $"csr is not a valid, correctly self-signed PKCS#10 request ({ex.Message}).";
            return false;
        }

        if (!TryDescribeKey(loaded.PublicKey, out var description, out problem))
        {
            return false;
        }

        var commonName = loaded.SubjectName.EnumerateRelativeDistinguishedNames()
            .Where(r => !r.HasMultipleElements && r.GetSingleElementType().Value == "2.5.4.3")
            .Select(r => r.GetSingleElementValue())
            .FirstOrDefault();
        request = new SigningRequest(loaded.PublicKey, string.IsNullOrEmpty(commonName) ? null : commonName, description);
        problem = null;
        return true;
    }

    private static bool TryDescribeKey(PublicKey key, [NotNullWhen(true)] out string? description, [NotNullWhen(false)] out string? problem)
    {
        description = null;
        problem = null;
        using (var ecdsa = key.GetECDsaPublicKey())
        {
            if (ecdsa is not null)
            {
                var curve = ecdsa.ExportParameters(false).Curve;
                if (curve.IsNamed && curve.Oid.Value is { } oid && s_namedCurves.Contains(oid))
                {
                    description = $"ECDSA P-{ecdsa.KeySize}";
                    return true;
                }

                problem = "csr key: only the NIST curves P-256, P-384 and P-521 are accepted for ECDSA.";
                return false;
            }
        }

        using (var rsa = key.GetRSAPublicKey())
        {
            if (rsa is not null)
            {
                if (rsa.KeySize is >= 2048 and <= 8192)
                {
                    description = $"RSA {rsa.KeySize}";
                    return true;
                }

                problem = $"csr key: RSA keys must have 2048 to 8192 bits (3072 recommended), not {rsa.KeySize}.";
                return false;
            }
        }

        problem = "csr key: use ECDSA P-256 (recommended) or RSA of at least 2048 bits.";
        return false;
    }
}
