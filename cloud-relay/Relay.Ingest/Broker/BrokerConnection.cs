using System.Security.Cryptography.X509Certificates;

namespace Relay.Ingest.Broker;

/// <summary>Where and as whom the relay's own ingest client connects. <see cref="ToString"/> never shows the password.</summary>
public sealed record BrokerConnection(string Host, int Port, string ClientId, string Username, string Password, string? SharedSubscriptionGroup, BrokerTls? Tls = null)
{
    public override string ToString() => $"{Host}:{Port} as {Username}{(Tls is null ? "" : " over TLS")}";
}

/// <summary>TLS for the relay's connection to an external broker: the CA its certificate must chain to, and the
/// relay's client certificate (with its key).</summary>
public sealed record BrokerTls(X509Certificate2 Authority, X509Certificate2 ClientCertificate);
