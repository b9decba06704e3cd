namespace Relay.Core.Certificates;

/// <summary>One entry of the revocation list.</summary>
public sealed record RevokedCertificate(string SerialNumber, DateTimeOffset RevokedAt, RevocationReason Reason);
