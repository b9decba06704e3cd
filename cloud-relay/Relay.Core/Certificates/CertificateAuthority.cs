using System.Net;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Relay.Core.Devices;

namespace Relay.Core.Certificates;

/// <summary>
/// The relay's certificate authority: signs the boxes' certificates, the server certificate and the revocation
/// list. ECDSA P-256 with SHA-256 for what it generates (ANSSI RGS annex B1 accepts it, it is fast on a Raspberry Pi,
/// and mosquitto's OpenSSL takes it); an existing RSA CA given as PEM files works too.
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private const string RsaOid = "1.2.840.113549.1.1.1";

    /// <summary>id-kp-clientAuth: a box's certificate is good for authenticating a client, nothing else.</summary>
    public const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";

    public const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    /// <summary>Null for an ECDSA CA; PKCS#1 v1.5 for an RSA one (what every TLS stack verifies).</summary>
    private readonly RSASignaturePadding? _padding;

    /// <summary>Certificates start a little in the past: a box whose clock is a few minutes behind the relay's must
    /// not see a certificate that is "not yet valid".</summary>
    private static readonly TimeSpan s_clockSkew = TimeSpan.FromMinutes(5);

    public CertificateAuthority(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!IsCa(certificate))
        {
            throw new ArgumentException($"'{certificate.Subject}' is not a CA certificate (basic constraints CA:TRUE missing).", nameof(certificate));
        }

        Certificate = certificate;
        using var rsa = certificate.GetRSAPublicKey();
        _padding = rsa is null ? null : RSASignaturePadding.Pkcs1;
    }

    /// <summary>The CA certificate, with its private key when the relay can sign.</summary>
    public X509Certificate2 Certificate { get; }

    public bool CanSign => Certificate.HasPrivateKey;

    /// <summary>"sha256:" and the lower-case hex SHA-256 of the CA certificate: what an installer checks on the box
    /// before trusting the CA it is handed (as with kubeadm's discovery hash).</summary>
    public string Fingerprint => Fingerprints.Of(Certificate);

    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>A new self-signed CA, ECDSA P-256. Its name carries a random tag, so that two relays' CAs are told apart
    /// in logs and in a box's trust store.</summary>
    public static CertificateAuthority CreateNew(DateTimeOffset now, TimeSpan validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var name = new X500DistinguishedNameBuilder();
        name.AddOrganizationName("Panic alert relay");
        name.AddCommonName($"Relay device CA {Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}");
        var request = new CertificateRequest(name.Build(), key, HashAlgorithmName.SHA256);

        // pathLen 0: this CA signs end entities only; a box's certificate can never act as a CA in turn.
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var created = request.CreateSelfSigned(now - s_clockSkew, now + validity);
        return new CertificateAuthority(Reload(created));
    }

    /// <summary>A box's certificate for <paramref name="device"/>, on the public key of its signing request. The
    /// subject is always <c>CN={site}.{device}</c>, whatever the request asked: nothing of a request but its key is
    /// copied (a CA that copies requested extensions can be talked into signing a CA or a server certificate).</summary>
    public X509Certificate2 IssueDeviceCertificate(DeviceId device, PublicKey publicKey, DateTimeOffset now, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(publicKey);
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName(device.Username);
        var request = new CertificateRequest(name.Build(), publicKey, HashAlgorithmName.SHA256, _padding);
        var usage = X509KeyUsageFlags.DigitalSignature;
        if (publicKey.Oid.Value == RsaOid)
        {
            // TLS 1.2 RSA key exchange still encrypts with the client's key on some stacks.
            usage |= X509KeyUsageFlags.KeyEncipherment;
        }

        AddEndEntityExtensions(request, usage, ClientAuthenticationOid);
        return Sign(request, now, validity);
    }

    /// <summary>A server certificate for the broker and HTTPS, with a fresh ECDSA P-256 key, for every name given
    /// (DNS names and IP addresses as subject alternative names; the first also as the common name).</summary>
    public X509Certificate2 IssueServerCertificate(IReadOnlyList<string> names, DateTimeOffset now, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names.Count == 0)
        {
            throw new ArgumentException("A server certificate needs at least one name.", nameof(names));
        }

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(names[0]);
        var request = new CertificateRequest(subject.Build(), new PublicKey(key), HashAlgorithmName.SHA256, _padding);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var serverName in names)
        {
            if (IPAddress.TryParse(serverName, out var address))
            {
                san.AddIpAddress(address);
            }
            else
            {
                san.AddDnsName(serverName);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        AddEndEntityExtensions(request, X509KeyUsageFlags.DigitalSignature, ServerAuthenticationOid);
        using var signed = Sign(request, now, validity);
        using var withKey = signed.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    /// <summary>A client certificate with a fresh key for the relay's own connection to an external broker (whose TLS
    /// listener takes the certificate's name as the user name). Kept in memory only, issued again at each start.</summary>
    public X509Certificate2 IssueRelayClientCertificate(string name, DateTimeOffset now, TimeSpan validity)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = new X500DistinguishedNameBuilder();
        subject.AddCommonName(name);
        var request = new CertificateRequest(subject.Build(), new PublicKey(key), HashAlgorithmName.SHA256, _padding);
        AddEndEntityExtensions(request, X509KeyUsageFlags.DigitalSignature, ClientAuthenticationOid);
        using var signed = Sign(request, now, validity);
        using var withKey = signed.CopyWithPrivateKey(key);
        return Reload(withKey);
    }

    /// <summary>The revocation list (DER), signed by this CA. Its number is the issue time in seconds, which only ever
    /// grows, so no counter has to be kept.</summary>
    public byte[] BuildRevocationList(IEnumerable<RevokedCertificate> revoked, DateTimeOffset now, TimeSpan validity)
    {
        ArgumentNullException.ThrowIfNull(revoked);
        EnsureCanSign();
        var builder = new CertificateRevocationListBuilder();
        foreach (var entry in revoked)
        {
            builder.AddEntry(Convert.FromHexString(entry.SerialNumber), entry.RevokedAt, entry.Reason.ToX509());
        }

        return builder.Build(Certificate, new BigInteger(now.ToUnixTimeSeconds()), now + validity, HashAlgorithmName.SHA256, _padding, now);
    }

    /// <summary>True when <paramref name="certificate"/> chains to this CA (signed by its key, not merely issued in its
    /// name) and is valid at <paramref name="now"/>.</summary>
    public bool Issued(X509Certificate2 certificate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var chain = TrustChains.To(Certificate, now, applicationPolicy: null);
        return chain.Build(certificate);
    }

    public void Dispose() => Certificate.Dispose();

    internal static bool IsCa(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority);

    private void AddEndEntityExtensions(CertificateRequest request, X509KeyUsageFlags usage, string extendedUsage)
    {
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(extendedUsage)], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
    }

    private X509Certificate2 Sign(CertificateRequest request, DateTimeOffset now, TimeSpan validity)
    {
        EnsureCanSign();
        var notAfter = now + validity;
        if (notAfter > Certificate.NotAfter)
        {
            // Nothing outlives its issuer.
            notAfter = Certificate.NotAfter;
        }

        return request.Create(Certificate, now - s_clockSkew, notAfter, SerialNumbers.New());
    }

    private void EnsureCanSign()
    {
        if (!CanSign)
        {
            throw new InvalidOperationException("The relay has the CA certificate but not its private key: it cannot sign (Relay:Tls:CaKeyFile).");
        }
    }

    private static X509Certificate2 Reload(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
}
