namespace Relay.Core.Devices;

/// <summary>A registered device. Only the hash of its password is kept; a device registered by enrolment has none
/// (<see cref="NoPassword"/>) and authenticates with its certificate only.</summary>
public sealed record DeviceRecord(DeviceId Id, string PasswordHash, DateTimeOffset RegisteredAt)
{
    /// <summary>Matches no password (<see cref="PasswordHasher.Verify"/> refuses anything against it).</summary>
    public const string NoPassword = "";

    public bool HasPassword => PasswordHash.Length > 0;
}
