using Relay.Core.Certificates;
using Relay.Core.Devices;
using Relay.Core.Enrolment;
using Relay.Core.Storage.Documents;

namespace Relay.Core.Storage;

public sealed partial class LiteDbRelayStore
{
    /// <summary>Who revokes a certificate that a new enrolment of the same device replaces.</summary>
    public const string EnrolmentRevoker = "enrolment";

    public Task AddEnrolmentCodeAsync(EnrolmentCodeRecord code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(() => _enrolmentCodes.Insert(new EnrolmentCodeDocument
        {
            Id = code.CodeHash,
            Site = code.Device.Site,
            Device = code.Device.Device,
            CreatedAt = code.CreatedAt,
            ExpiresAt = code.ExpiresAt,
            CreatedBy = code.CreatedBy,
        })));
    }

    public Task<EnrolmentCodeRecord?> FindEnrolmentCodeAsync(string codeHash, CancellationToken cancellationToken) =>
        Task.FromResult(Read(() => _enrolmentCodes.FindById(codeHash) is { } document ? ToRecord(document) : null));

    public Task<EnrolmentCommit> CommitEnrolmentAsync(string codeHash, DeviceCertificateRecord certificate, DateTimeOffset now, string? remoteAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(() =>
        {
            // Checked again under the write gate: of two requests racing with one code, exactly one gets here first.
            var code = _enrolmentCodes.FindById(codeHash);
            if (code is null)
            {
                return new EnrolmentCommit(EnrolmentOutcome.UnknownCode, false, []);
            }

            if (code.UsedAt is not null)
            {
                return new EnrolmentCommit(EnrolmentOutcome.CodeUsed, false, []);
            }

            if (now >= code.ExpiresAt)
            {
                return new EnrolmentCommit(EnrolmentOutcome.CodeExpired, false, []);
            }

            code.UsedAt = now;
            code.UsedFrom = remoteAddress;
            code.CertificateSerial = certificate.SerialNumber;
            _enrolmentCodes.Update(code);

            var device = certificate.Device;
            var registered = false;
            if (_devices.FindById(device.Username) is null)
            {
                // No password: a box enrolled with a certificate cannot log in with one.
                _devices.Insert(ToDocument(new DeviceRecord(device, DeviceRecord.NoPassword, now)));
                registered = true;
            }

            var superseded = RevokeValid(device.Username, now, RevocationReason.Superseded, EnrolmentRevoker, exceptSerial: certificate.SerialNumber);
            _certificates.Insert(ToDocument(certificate));
            return new EnrolmentCommit(EnrolmentOutcome.Enrolled, registered, superseded);
        }));
    }

    private static EnrolmentCodeRecord ToRecord(EnrolmentCodeDocument document) => new()
    {
        CodeHash = document.Id,
        Device = new DeviceId(document.Site, document.Device),
        CreatedAt = document.CreatedAt,
        ExpiresAt = document.ExpiresAt,
        CreatedBy = document.CreatedBy,
        UsedAt = document.UsedAt,
        UsedFrom = document.UsedFrom,
        CertificateSerial = document.CertificateSerial,
    };
}
