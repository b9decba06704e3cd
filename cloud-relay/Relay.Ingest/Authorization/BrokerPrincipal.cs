using Relay.Core.Devices;

namespace Relay.Ingest.Authorization;

/// <summary>Who a broker connection belongs to, decided once at CONNECT and kept in the session.</summary>
public abstract record BrokerPrincipal;

/// <summary>The relay's own ingest client: reads every device's topics, writes commands and receipts.</summary>
public sealed record RelayPrincipal : BrokerPrincipal;

/// <summary>A box: confined to its own subtree. <see cref="CertificateSerial"/> is set when it authenticated with a
/// certificate (on the TLS endpoint), so that revoking that certificate can end the session.</summary>
public sealed record DevicePrincipal(DeviceId Device, string? CertificateSerial = null) : BrokerPrincipal;
