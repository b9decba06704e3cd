namespace Relay.Core.Storage.Documents;

/// <summary>A person's account. Id: the login name.</summary>
internal sealed class UserDocument
{
    public string Id { get; set; } = "";

    public string Role { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    public bool Disabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string SecurityStamp { get; set; } = "";

    public int FailedLogins { get; set; }

    public DateTimeOffset? LockedUntil { get; set; }

    public DateTimeOffset? LastLoginAt { get; set; }
}
