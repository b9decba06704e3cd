using Relay.Core.Certificates;
using Relay.Core.Devices;
using Relay.Core.Storage.Documents;

namespace Relay.Core.Storage;

public sealed partial class LiteDbRelayStore
{
    public Task<bool> AddDeviceAsync(DeviceRecord device, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(() =>
        {
            if (_devices.FindById(device.Id.Username) is not null)
            {
                return false;
            }

            _devices.Insert(ToDocument(device));
            return true;
        }));
    }

    public Task SetDeviceAsync(DeviceRecord device, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(() => _devices.Upsert(ToDocument(device))));
    }

    /// <summary>Who revokes the certificates of a device that is removed.</summary>
    public const string RemovalRevoker = "device-removal";

    public Task<bool> RemoveDeviceAsync(DeviceId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(() =>
        {
            // A removed device's certificates go into the revocation list in the same transaction, so that an external
            // broker refuses them too once its CRL is exported again.
            RevokeValid(id.Username, _timeProvider.GetUtcNow(), RevocationReason.CessationOfOperation, RemovalRevoker, exceptSerial: null);
            return _devices.Delete(id.Username);
        }));
    }

    public Task<DeviceRecord?> FindDeviceAsync(DeviceId id, CancellationToken cancellationToken) =>
        Task.FromResult(Read(() => _devices.FindById(id.Username) is { } document ? ToRecord(document) : null));

    public Task<IReadOnlyList<DeviceRecord>> ListDevicesAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Read<IReadOnlyList<DeviceRecord>>(() =>
            _devices.FindAll().OrderBy(x => x.Id, StringComparer.Ordinal).Select(ToRecord).ToList()));

    private static DeviceDocument ToDocument(DeviceRecord device) => new()
    {
        Id = device.Id.Username,
        Site = device.Id.Site,
        Device = device.Id.Device,
        PasswordHash = device.PasswordHash,
        RegisteredAt = device.RegisteredAt,
    };

    // LiteDB reads an empty string back as null (BsonMapper.EmptyStringToNull): a device without a password.
    private static DeviceRecord ToRecord(DeviceDocument document) =>
        new(new DeviceId(document.Site, document.Device), document.PasswordHash ?? DeviceRecord.NoPassword, document.RegisteredAt);
}
