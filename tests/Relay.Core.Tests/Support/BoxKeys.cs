using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Relay.Testing;

/// <summary>What a box does on its side of enrolment: make a key it keeps, send a CSR, and use the certificate it gets
/// back with that key. Also certificates of a CA the relay never heard of.</summary>
internal static class BoxKeys
{
    /// <summary>A fresh ECDSA P-256 key and a PEM CSR for it (subject <c>CN={commonName}</c>, or empty).</summary>
    public static (ECDsa Key, string Csr) NewRequest(string? commonName)
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = commonName is null ? new X500DistinguishedName("") : new X500DistinguishedName($"CN={commonName}");
        return (key, new CertificateRequest(subject, key, HashAlgorithmName.SHA256).CreateSigningRequestPem());
    }

    /// <summary>The first certificate of <paramref name="pem"/> (a chain: the box's own comes first) with the box's key,
    /// loaded the way the edge uplink loads it (PKCS#12 round trip, usable by SslStream).</summary>
    public static X509Certificate2 WithKey(string pem, ECDsa key)
    {
        using var certificate = X509Certificate2.CreateFromPem(pem);
        using var withKey = certificate.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>A client certificate for <paramref name="commonName"/> from a CA made here: right name, wrong issuer.</summary>
    public static X509Certificate2 FromForeignCa(string commonName)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=Some other CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var leaf = request.Create(ca, now.AddDays(-1), now.AddDays(10), RandomNumberGenerator.GetBytes(12));
        using var withKey = leaf.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}

/// <summary>A box's TLS credentials: its certificate with its key, and the relay's CA it trusts.</summary>
internal sealed record BoxCredentials(X509Certificate2 Certificate, X509Certificate2 Authority);
