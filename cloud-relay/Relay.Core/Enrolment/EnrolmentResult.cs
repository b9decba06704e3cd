using Relay.Core.Devices;

namespace Relay.Core.Enrolment;

/// <summary>The answer to an enrolment: the certificate, or why not (<see cref="Detail"/> is worded for the
/// installer and never contains the code).</summary>
public sealed record EnrolmentResult
{
    public required EnrolmentOutcome Outcome { get; init; }

    /// <summary>The device the code is for, when the code was found.</summary>
    public DeviceId? Device { get; init; }

    public required string Detail { get; init; }

    public IssuedCertificate? Certificate { get; init; }

    /// <summary>"ECDSA P-256": the box's key, for the audit log.</summary>
    public string? KeyDescription { get; init; }

    /// <summary>Certificates of the same device revoked because this one replaces them.</summary>
    public IReadOnlyList<string> SupersededSerials { get; init; } = [];

    /// <summary>True when the device was not registered before this enrolment.</summary>
    public bool DeviceRegistered { get; init; }

    public bool Succeeded => Outcome == EnrolmentOutcome.Enrolled;
}
