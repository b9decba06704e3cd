using Relay.Core.Certificates;

namespace Relay.Core.Enrolment;

/// <summary>What the store did with an enrolment: the code consumed, the device registered if it was not, the new
/// certificate recorded, and the previous ones of the device revoked as superseded.</summary>
public sealed record EnrolmentCommit(EnrolmentOutcome Outcome, bool DeviceRegistered, IReadOnlyList<DeviceCertificateRecord> Superseded);
