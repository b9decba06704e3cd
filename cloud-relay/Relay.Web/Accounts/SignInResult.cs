using Relay.Core.Accounts;

namespace Relay.Web.Accounts;

public enum SignInOutcome
{
    Succeeded,

    /// <summary>Unknown name or wrong password: the two are never told apart to the caller.</summary>
    WrongCredentials,

    Disabled,

    /// <summary>Too many wrong passwords in a row; refused until <see cref="SignInResult.LockedUntil"/>.</summary>
    LockedOut,
}

public sealed record SignInResult(SignInOutcome Outcome, UserRecord? User = null, DateTimeOffset? LockedUntil = null);
