using System.Security.Cryptography.X509Certificates;
using MQTTnet.Certificates;
using Relay.Core.Certificates;

namespace Relay.Ingest.Tls;

/// <summary>The relay's server certificate for MQTTnet's TLS endpoint (asked for at each connection).</summary>
internal sealed class ServerCertificateProvider(TlsMaterial material) : ICertificateProvider
{
    public X509Certificate2 GetCertificate() => material.ServerCertificate;
}
