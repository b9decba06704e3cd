using System.Security.Cryptography.X509Certificates;
using Relay.Core.Devices;

namespace Relay.Core.Certificates;

/// <summary>
/// Decides whether a client certificate is a box's: it chains to the relay's CA (and only to it), it is valid now on
/// the relay's clock, it is meant for client authentication, its common name is <c>{site}.{device}</c>, and its serial
/// number is not revoked. Whether that device is still registered is the broker's question, asked at CONNECT.
/// </summary>
public sealed class DeviceCertificateVerifier(TlsMaterial material, RevocationList revocations, TimeProvider timeProvider)
{
    public ClientCertificateCheck Check(X509Certificate? presented)
    {
        if (presented is null)
        {
            return new ClientCertificateCheck(ClientCertificateVerdict.Missing, null, null, null);
        }

        // SslStream hands over an X509Certificate2 on .NET; a copy covers any other case.
        using var copy = presented as X509Certificate2 is null ? X509CertificateLoader.LoadCertificate(presented.GetRawCertData()) : null;
        var certificate = presented as X509Certificate2 ?? copy!;
        var serial = SerialNumbers.Of(certificate);
        var subject = certificate.Subject;

        using (var chain = TrustChains.To(material.Authority.Certificate, timeProvider.GetUtcNow(), CertificateAuthority.ClientAuthenticationOid))
        {
            if (!chain.Build(certificate))
            {
                var verdict = Worst(chain.ChainStatus.Select(s => s.Status).Aggregate(X509ChainStatusFlags.NoError, (a, b) => a | b));
                return new ClientCertificateCheck(verdict, null, serial, subject);
            }
        }

        if (!DeviceId.TryParseUsername(certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false), out var device) ||
            CertificateAuthority.IsCa(certificate))
        {
            return new ClientCertificateCheck(ClientCertificateVerdict.MalformedIdentity, null, serial, subject);
        }

        return revocations.IsRevoked(serial)
            ? new ClientCertificateCheck(ClientCertificateVerdict.Revoked, device, serial, subject)
            : new ClientCertificateCheck(ClientCertificateVerdict.Accepted, device, serial, subject);
    }

    private static ClientCertificateVerdict Worst(X509ChainStatusFlags status)
    {
        // Trust first: an expired certificate from a stranger is a stranger's.
        const X509ChainStatusFlags untrusted = X509ChainStatusFlags.UntrustedRoot | X509ChainStatusFlags.PartialChain |
                                               X509ChainStatusFlags.NotSignatureValid | X509ChainStatusFlags.Cyclic |
                                               X509ChainStatusFlags.InvalidBasicConstraints;
        if ((status & untrusted) != 0)
        {
            return ClientCertificateVerdict.UntrustedIssuer;
        }

        if ((status & (X509ChainStatusFlags.NotTimeValid | X509ChainStatusFlags.NotTimeNested)) != 0)
        {
            return ClientCertificateVerdict.OutsideValidity;
        }

        if ((status & (X509ChainStatusFlags.NotValidForUsage | X509ChainStatusFlags.InvalidExtension)) != 0)
        {
            return ClientCertificateVerdict.NotForClients;
        }

        return ClientCertificateVerdict.UntrustedIssuer;
    }
}
