namespace Relay.Core.Accounts;

/// <summary>The crisis cell's accounts (people, not boxes: boxes are <see cref="Devices.IDeviceStore"/>).</summary>
public interface IUserStore
{
    /// <summary>Adds the account, or returns false if the name is taken.</summary>
    Task<bool> AddUserAsync(UserRecord user, CancellationToken cancellationToken);

    /// <summary>Replaces an existing account; false if there is none of that name.</summary>
    Task<bool> UpdateUserAsync(UserRecord user, CancellationToken cancellationToken);

    Task<UserRecord?> FindUserAsync(string name, CancellationToken cancellationToken);

    Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken cancellationToken);
}
