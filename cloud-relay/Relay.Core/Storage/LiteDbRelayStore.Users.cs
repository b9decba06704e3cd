using Relay.Core.Accounts;
using Relay.Core.Storage.Documents;

namespace Relay.Core.Storage;

public sealed partial class LiteDbRelayStore
{
    public Task<bool> AddUserAsync(UserRecord user, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(() =>
        {
            if (_users.FindById(user.Name) is not null)
            {
                return false;
            }

            _users.Insert(ToDocument(user));
            return true;
        }));
    }

    public Task<bool> UpdateUserAsync(UserRecord user, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(() => _users.Update(ToDocument(user))));
    }

    public Task<UserRecord?> FindUserAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(Read(() => _users.FindById(name) is { } document ? ToRecord(document) : null));

    public Task<IReadOnlyList<UserRecord>> ListUsersAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Read<IReadOnlyList<UserRecord>>(() =>
            _users.FindAll().OrderBy(x => x.Id, StringComparer.Ordinal).Select(ToRecord).ToList()));

    private static UserDocument ToDocument(UserRecord user) => new()
    {
        Id = user.Name,
        Role = user.Role.ToString(),
        PasswordHash = user.PasswordHash,
        Disabled = user.Disabled,
        CreatedAt = user.CreatedAt,
        SecurityStamp = user.SecurityStamp,
        FailedLogins = user.FailedLogins,
        LockedUntil = user.LockedUntil,
        LastLoginAt = user.LastLoginAt,
    };

    private static UserRecord ToRecord(UserDocument document) => new()
    {
        Name = document.Id,
        Role = Enum.Parse<UserRole>(document.Role),
        PasswordHash = document.PasswordHash,
        Disabled = document.Disabled,
        CreatedAt = document.CreatedAt,
        SecurityStamp = document.SecurityStamp,
        FailedLogins = document.FailedLogins,
        LockedUntil = document.LockedUntil,
        LastLoginAt = document.LastLoginAt,
    };
}
