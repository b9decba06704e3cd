namespace Relay.Core.Devices;

/// <summary>A registered device. Only the hash of its password is kept.</summary>
public sealed record DeviceRecord(DeviceId Id, string PasswordHash, DateTimeOffset RegisteredAt);
