namespace Relay.Core.Devices;

/// <summary>Registers devices and checks their credentials. Passwords only pass through; hashes are stored.</summary>
public sealed class DeviceAccounts(IDeviceStore store, TimeProvider timeProvider)
{
    /// <summary>
    /// Registers a device. Returns the password to hand to the installer: the given one, or a generated one when
    /// <paramref name="password"/> is null. Returns null if the device already exists.
    /// </summary>
    public async Task<string?> AddAsync(DeviceId id, string? password, CancellationToken cancellationToken)
    {
        var secret = password ?? PasswordHasher.GeneratePassword();
        var record = new DeviceRecord(id, PasswordHasher.Hash(secret), timeProvider.GetUtcNow());
        return await store.AddDeviceAsync(record, cancellationToken).ConfigureAwait(false) ? secret : null;
    }

    /// <summary>Adds the device or replaces its password: configuration-declared devices are authoritative.</summary>
    public async Task SetAsync(DeviceId id, string password, CancellationToken cancellationToken)
    {
        var existing = await store.FindDeviceAsync(id, cancellationToken).ConfigureAwait(false);
        if (existing is not null && PasswordHasher.Verify(password, existing.PasswordHash))
        {
            return;
        }

        var registeredAt = existing?.RegisteredAt ?? timeProvider.GetUtcNow();
        await store.SetDeviceAsync(new DeviceRecord(id, PasswordHasher.Hash(password), registeredAt), cancellationToken).ConfigureAwait(false);
    }

    public Task<bool> RemoveAsync(DeviceId id, CancellationToken cancellationToken) => store.RemoveDeviceAsync(id, cancellationToken);

    public Task<IReadOnlyList<DeviceRecord>> ListAsync(CancellationToken cancellationToken) => store.ListDevicesAsync(cancellationToken);

    public async Task<bool> ExistsAsync(DeviceId id, CancellationToken cancellationToken) =>
        await store.FindDeviceAsync(id, cancellationToken).ConfigureAwait(false) is not null;

    public async Task<CredentialCheck> CheckAsync(string? username, string? password, CancellationToken cancellationToken)
    {
        if (!DeviceId.TryParseUsername(username, out var id))
        {
            return CredentialCheck.MalformedUsername;
        }

        var device = await store.FindDeviceAsync(id, cancellationToken).ConfigureAwait(false);
        if (device is null)
        {
            return CredentialCheck.UnknownDevice;
        }

        return PasswordHasher.Verify(password, device.PasswordHash) ? CredentialCheck.Accepted : CredentialCheck.WrongPassword;
    }
}
