using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Provisioning.Cli.Commands.Device;

/// <summary>
/// The box's side of its identity: a key pair made here (ECDSA P-256) that never leaves the box, the PKCS#10 request
/// the relay signs, and the check of what comes back before anything is written.
/// </summary>
internal static class IssuedIdentity
{
    private const string ClientAuthenticationOid = "1.3.6.1.5.5.7.3.2";

    public static ECDsa NewKey() => ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The request, subject <c>CN={site}.{device}</c>, self-signed with the key (the relay checks it).</summary>
    public static string SigningRequest(ECDsa key, BoxIdentity box)
    {
        var request = new CertificateRequest(new X500DistinguishedName($"CN={box.Name}"), key, HashAlgorithmName.SHA256);
        return request.CreateSigningRequestPem();
    }

    /// <summary>
    /// The box's certificate from the answer, once checked: for this identity, for this key, for client
    /// authentication, chaining to the pinned CA; and the CA in the answer is that CA. Throws the worded refusal.
    /// </summary>
    public static X509Certificate2 Check(EnrolmentAnswer answer, ECDsa key, X509Certificate2 ca, BoxIdentity box, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (!string.Equals(answer.Identity, box.Name, StringComparison.Ordinal))
        {
            throw RelayEnrolmentClient.NotUsable($"it answered for '{answer.Identity}' instead of '{box.Name}'");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509Certificate2.CreateFromPem(answer.CertificateChainPem);
        }
        catch (CryptographicException exception)
        {
            throw RelayEnrolmentClient.NotUsable($"its certificate cannot be read ({exception.Message})");
        }

        try
        {
            var problem = Problem(certificate, answer, key, ca, box, now);
            if (problem is not null)
            {
                throw RelayEnrolmentClient.NotUsable(problem);
            }
        }
        catch
        {
            certificate.Dispose();
            throw;
        }

        return certificate;
    }

    private static string? Problem(X509Certificate2 certificate, EnrolmentAnswer answer, ECDsa key, X509Certificate2 ca, BoxIdentity box, DateTimeOffset now)
    {
        if (certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false) != box.Name)
        {
            return $"the certificate it issued names '{certificate.Subject}', not CN={box.Name}";
        }

        if (!certificate.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(key.ExportSubjectPublicKeyInfo()))
        {
            return "the certificate it issued is not for the key this box just made";
        }

        if (answer.CaCertificatePem is { } caPem)
        {
            using var answeredCa = X509Certificate2.CreateFromPem(caPem);
            if (CaFingerprint.Of(answeredCa) != CaFingerprint.Of(ca))
            {
                return "the CA in its answer is not the one whose fingerprint you gave";
            }
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ClientAuthenticationOid));

        // Checked at the certificate's own start: a box whose clock is off is warned about apart, not refused here.
        chain.ChainPolicy.VerificationTimeIgnored = false;
        var notBefore = certificate.NotBefore.ToUniversalTime().AddSeconds(1);
        var notAfter = certificate.NotAfter.ToUniversalTime().AddSeconds(-1);
        chain.ChainPolicy.VerificationTime = now.UtcDateTime < notBefore ? notBefore : now.UtcDateTime > notAfter ? notAfter : now.UtcDateTime;
        if (!chain.Build(certificate))
        {
            return "the certificate it issued does not chain to the pinned CA for client authentication: " +
                   string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Distinct(StringComparer.Ordinal));
        }

        return answer.BrokerTls && answer.BrokerPort is > 0 and <= 65535 && answer.BrokerHost.Length > 0
            ? null
            : $"the broker it gives ({answer.BrokerHost}:{answer.BrokerPort}, tls {answer.BrokerTls}) is not an MQTT-over-TLS endpoint";
    }
}
