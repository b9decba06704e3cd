using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Relay.Core.Accounts;
using Relay.Core.Devices;

namespace Relay.Web.Accounts;

/// <summary>
/// The crisis cell's accounts: create, sign in (with a lockout after repeated wrong passwords), disable, enable,
/// reset a password. Passwords are hashed as device passwords are (<see cref="PasswordHasher"/>: PBKDF2-HMAC-SHA256,
/// random salt, constant-time check); they only pass through.
/// </summary>
public sealed class UserAccounts(IUserStore store, IOptions<AuthOptions> options, TimeProvider timeProvider)
{
    // Verified against when the name is unknown, so that a wrong name costs as long as a wrong password and the
    // response time does not tell which names exist.
    private static readonly Lazy<string> s_decoyHash = new(() => PasswordHasher.Hash(PasswordHasher.GeneratePassword()));

    /// <summary>Throws <see cref="ArgumentException"/> for an invalid name or password; false if the name is taken.</summary>
    public async Task<bool> CreateAsync(string name, UserRole role, string password, CancellationToken cancellationToken)
    {
        EnsureValid(name, password);
        return await store.AddUserAsync(new UserRecord
        {
            Name = name,
            Role = role,
            PasswordHash = PasswordHasher.Hash(password),
            CreatedAt = timeProvider.GetUtcNow(),
            SecurityStamp = NewStamp(),
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SignInResult> SignInAsync(string? name, string? password, CancellationToken cancellationToken)
    {
        var user = UserNames.IsValid(name) ? await store.FindUserAsync(name!, cancellationToken).ConfigureAwait(false) : null;
        if (user is null)
        {
            _ = PasswordHasher.Verify(password, s_decoyHash.Value);
            return new SignInResult(SignInOutcome.WrongCredentials);
        }

        var now = timeProvider.GetUtcNow();
        if (user.LockedUntil is { } lockedUntil && lockedUntil > now)
        {
            return new SignInResult(SignInOutcome.LockedOut, user, lockedUntil);
        }

        if (!PasswordHasher.Verify(password, user.PasswordHash))
        {
            var failures = user.FailedLogins + 1;
            var locked = failures >= options.Value.MaxFailedLogins && options.Value.LockoutDuration > TimeSpan.Zero;
            var updated = user with { FailedLogins = locked ? 0 : failures, LockedUntil = locked ? now + options.Value.LockoutDuration : null };
            await store.UpdateUserAsync(updated, cancellationToken).ConfigureAwait(false);
            return locked
                ? new SignInResult(SignInOutcome.LockedOut, updated, updated.LockedUntil)
                : new SignInResult(SignInOutcome.WrongCredentials, updated);
        }

        // The password is right: only now may the caller learn that the account is disabled.
        if (user.Disabled)
        {
            return new SignInResult(SignInOutcome.Disabled, user);
        }

        var signedIn = user with { FailedLogins = 0, LockedUntil = null, LastLoginAt = now };
        await store.UpdateUserAsync(signedIn, cancellationToken).ConfigureAwait(false);
        return new SignInResult(SignInOutcome.Succeeded, signedIn);
    }

    public Task<UserRecord?> FindAsync(string name, CancellationToken cancellationToken) =>
        UserNames.IsValid(name) ? store.FindUserAsync(name, cancellationToken) : Task.FromResult<UserRecord?>(null);

    public Task<IReadOnlyList<UserRecord>> ListAsync(CancellationToken cancellationToken) => store.ListUsersAsync(cancellationToken);

    /// <summary>Disables or enables; a new security stamp ends the account's open sessions. Null if no such account.</summary>
    public async Task<UserRecord?> SetDisabledAsync(string name, bool disabled, CancellationToken cancellationToken)
    {
        if (await FindAsync(name, cancellationToken).ConfigureAwait(false) is not { } user)
        {
            return null;
        }

        var updated = user with { Disabled = disabled, SecurityStamp = NewStamp(), FailedLogins = 0, LockedUntil = null };
        await store.UpdateUserAsync(updated, cancellationToken).ConfigureAwait(false);
        return updated;
    }

    /// <summary>Sets a new password (and unlocks); open sessions of the account end. Null if no such account.</summary>
    public async Task<UserRecord?> ResetPasswordAsync(string name, string password, CancellationToken cancellationToken)
    {
        if (PasswordRules.Check(password) is { } problem)
        {
            throw new ArgumentException(problem, nameof(password));
        }

        if (await FindAsync(name, cancellationToken).ConfigureAwait(false) is not { } user)
        {
            return null;
        }

        var updated = user with { PasswordHash = PasswordHasher.Hash(password), SecurityStamp = NewStamp(), FailedLogins = 0, LockedUntil = null };
        await store.UpdateUserAsync(updated, cancellationToken).ConfigureAwait(false);
        return updated;
    }

    public static void EnsureValid(string name, string password)
    {
        if (!UserNames.IsValid(name))
        {
            throw new ArgumentException($"The login name must be {UserNames.Rule} (and not '{UserNames.System}').", nameof(name));
        }

        if (PasswordRules.Check(password) is { } problem)
        {
            throw new ArgumentException(problem, nameof(password));
        }
    }

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
