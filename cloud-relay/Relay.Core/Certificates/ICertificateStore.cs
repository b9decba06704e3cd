using Relay.Core.Devices;

namespace Relay.Core.Certificates;

/// <summary>The certificates issued to boxes and the revocation list (the revoked ones). Issuing goes through
/// <see cref="Enrolment.IEnrolmentStore"/>, in the same transaction as the enrolment code it consumes.</summary>
public interface ICertificateStore
{
    /// <summary>Newest first; all devices when <paramref name="device"/> is null.</summary>
    Task<IReadOnlyList<DeviceCertificateRecord>> ListCertificatesAsync(DeviceId? device, CancellationToken cancellationToken);

    /// <summary>Revokes, in one transaction, every certificate of the device not revoked yet; returns those.</summary>
    Task<IReadOnlyList<DeviceCertificateRecord>> RevokeCertificatesAsync(DeviceId device, DateTimeOffset at, RevocationReason reason, string revokedBy, CancellationToken cancellationToken);

    Task<IReadOnlyList<RevokedCertificate>> ListRevokedAsync(CancellationToken cancellationToken);
}
