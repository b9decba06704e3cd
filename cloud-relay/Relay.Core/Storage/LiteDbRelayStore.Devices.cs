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

    public Task<bool> RemoveDeviceAsync(DeviceId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(() => _devices.Delete(id.Username)));
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

    private static DeviceRecord ToRecord(DeviceDocument document) =>
        new(new DeviceId(document.Site, document.Device), document.PasswordHash, document.RegisteredAt);
}
