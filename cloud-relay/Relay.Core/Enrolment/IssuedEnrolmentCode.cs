using Relay.Core.Devices;

namespace Relay.Core.Enrolment;

/// <summary>A new code, to show once to the administrator who asked for it, with what the installer checks on the
/// box: the relay CA's fingerprint.</summary>
public sealed record IssuedEnrolmentCode(string Code, DeviceId Device, DateTimeOffset ExpiresAt, string CaFingerprint)
{
    /// <summary>Never prints the code: records end up in logs.</summary>
    public override string ToString() => $"enrolment code for {Device} (until {ExpiresAt:O})";
}
