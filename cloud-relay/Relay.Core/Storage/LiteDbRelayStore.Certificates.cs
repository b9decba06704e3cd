using Relay.Core.Certificates;
using Relay.Core.Devices;
using Relay.Core.Storage.Documents;

namespace Relay.Core.Storage;

public sealed partial class LiteDbRelayStore
{
    public Task<IReadOnlyList<DeviceCertificateRecord>> ListCertificatesAsync(DeviceId? device, CancellationToken cancellationToken) =>
        Task.FromResult(Read<IReadOnlyList<DeviceCertificateRecord>>(() =>
        {
            var documents = device is null ? _certificates.FindAll() : _certificates.Find(x => x.Identity == device.Username);
            return documents.OrderByDescending(x => x.IssuedAt).Select(ToRecord).ToList();
        }));

    public Task<IReadOnlyList<DeviceCertificateRecord>> RevokeCertificatesAsync(DeviceId device, DateTimeOffset at, RevocationReason reason, string revokedBy, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write<IReadOnlyList<DeviceCertificateRecord>>(() => RevokeValid(device.Username, at, reason, revokedBy, exceptSerial: null)));
    }

    public Task<IReadOnlyList<RevokedCertificate>> ListRevokedAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Read<IReadOnlyList<RevokedCertificate>>(() =>
            _certificates.Find(x => x.RevokedAt != null).Select(ToRecord).Select(r => r.AsRevoked!).OrderBy(r => r.RevokedAt).ToList()));

    /// <summary>Inside a write: revokes the device's certificates not revoked yet (but <paramref name="exceptSerial"/>).</summary>
    private List<DeviceCertificateRecord> RevokeValid(string identity, DateTimeOffset at, RevocationReason reason, string revokedBy, string? exceptSerial)
    {
        var revoked = new List<DeviceCertificateRecord>();
        foreach (var document in _certificates.Find(x => x.Identity == identity && x.RevokedAt == null).ToList())
        {
            if (document.Id == exceptSerial)
            {
                continue;
            }

            document.RevokedAt = at;
            document.RevocationReason = reason.ToString();
            document.RevokedBy = revokedBy;
            _certificates.Update(document);
            revoked.Add(ToRecord(document));
        }

        return revoked;
    }

    private static CertificateDocument ToDocument(DeviceCertificateRecord record) => new()
    {
        Id = record.SerialNumber,
        Identity = record.Device.Username,
        Site = record.Device.Site,
        Device = record.Device.Device,
        IssuedAt = record.IssuedAt,
        NotAfter = record.NotAfter,
        Fingerprint = record.Fingerprint,
        RevokedAt = record.RevokedAt,
        RevocationReason = record.RevocationReason?.ToString(),
        RevokedBy = record.RevokedBy,
    };

    private static DeviceCertificateRecord ToRecord(CertificateDocument document) => new()
    {
        SerialNumber = document.Id,
        Device = new DeviceId(document.Site, document.Device),
        IssuedAt = document.IssuedAt,
        NotAfter = document.NotAfter,
        Fingerprint = document.Fingerprint,
        RevokedAt = document.RevokedAt,
        RevocationReason = document.RevocationReason is { } reason ? Enum.Parse<RevocationReason>(reason) : null,
        RevokedBy = document.RevokedBy,
    };
}
