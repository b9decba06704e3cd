using Relay.Core.Devices;

namespace Relay.Core.Certificates;

/// <summary>
/// A certificate the relay issued to a box. The certificate itself is not kept (the box has it, and nothing the relay
/// decides needs more than its serial number, validity and fate); a device has at most one that is not revoked.
/// </summary>
public sealed record DeviceCertificateRecord
{
    /// <summary>Upper-case hex, as <see cref="SerialNumbers.Of"/> writes it.</summary>
    public required string SerialNumber { get; init; }

    public required DeviceId Device { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    /// <summary>SHA-256 of the certificate, as <see cref="Fingerprints.Of"/> writes it.</summary>
    public required string Fingerprint { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public RevocationReason? RevocationReason { get; init; }

    /// <summary>Who revoked it: a login name, <c>cli:{os user}</c>, or <c>enrolment</c> when a new certificate superseded it.</summary>
    public string? RevokedBy { get; init; }

    public bool IsRevoked => RevokedAt is not null;

    public RevokedCertificate? AsRevoked => RevokedAt is { } at ? new RevokedCertificate(SerialNumber, at, RevocationReason ?? Certificates.RevocationReason.Unspecified) : null;
}
