namespace Relay.Core.Devices;

/// <summary>Registered devices and their password hashes.</summary>
public interface IDeviceStore
{
    /// <summary>Adds the device, or returns false if it is already registered (its password is left as it was).</summary>
    Task<bool> AddDeviceAsync(DeviceRecord device, CancellationToken cancellationToken);

    /// <summary>Adds the device or replaces its password hash.</summary>
    Task SetDeviceAsync(DeviceRecord device, CancellationToken cancellationToken);

    /// <summary>Removes the device and revokes its certificates, in one transaction.</summary>
    Task<bool> RemoveDeviceAsync(DeviceId id, CancellationToken cancellationToken);

    Task<DeviceRecord?> FindDeviceAsync(DeviceId id, CancellationToken cancellationToken);

    Task<IReadOnlyList<DeviceRecord>> ListDevicesAsync(CancellationToken cancellationToken);
}
