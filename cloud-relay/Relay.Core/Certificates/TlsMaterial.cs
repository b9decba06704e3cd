using System.Security.Cryptography.X509Certificates;

namespace Relay.Core.Certificates;

/// <summary>What the relay's TLS endpoints and its enrolment need, loaded once at start: the CA and the server
/// certificate with its key.</summary>
public sealed class TlsMaterial(CertificateAuthority authority, X509Certificate2 serverCertificate, string directory) : IDisposable
{
    public CertificateAuthority Authority { get; } = authority;

    /// <summary>With its private key; the broker's TLS endpoint and Kestrel's HTTPS serve it.</summary>
    public X509Certificate2 ServerCertificate { get; } = serverCertificate;

    /// <summary>Where generated files live (<see cref="TlsFiles"/>).</summary>
    public string Directory { get; } = directory;

    public void Dispose()
    {
        ServerCertificate.Dispose();
        Authority.Dispose();
    }
}
