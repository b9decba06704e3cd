using Relay.Core.Devices;

namespace Relay.Core.Enrolment;

/// <summary>An enrolment code as stored: its hash, never the code.</summary>
public sealed record EnrolmentCodeRecord
{
    public required string CodeHash { get; init; }

    public required DeviceId Device { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>The administrator's login name, or <c>cli:{os user}</c>.</summary>
    public required string CreatedBy { get; init; }

    public DateTimeOffset? UsedAt { get; init; }

    /// <summary>The remote address the code was used from.</summary>
    public string? UsedFrom { get; init; }

    /// <summary>The certificate issued with it.</summary>
    public string? CertificateSerial { get; init; }
}
