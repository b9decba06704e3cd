namespace Relay.Core.Accounts;

/// <summary>A person's account at the relay. Only the hash of the password is kept.</summary>
public sealed record UserRecord
{
    public required string Name { get; init; }

    public required UserRole Role { get; init; }

    public required string PasswordHash { get; init; }

    public bool Disabled { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// Changes whenever the password, role or enabled state changes. A session carries the stamp it was issued
    /// with, so disabling an account or resetting its password ends the sessions already open, at their next request.
    /// </summary>
    public required string SecurityStamp { get; init; }

    /// <summary>Wrong passwords in a row since the last successful login.</summary>
    public int FailedLogins { get; init; }

    /// <summary>Logins are refused until then, whatever the password (too many wrong ones).</summary>
    public DateTimeOffset? LockedUntil { get; init; }

    public DateTimeOffset? LastLoginAt { get; init; }
}
