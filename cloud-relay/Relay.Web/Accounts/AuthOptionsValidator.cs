using Microsoft.Extensions.Options;

namespace Relay.Web.Accounts;

public sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var problems = new List<string>();
        if (options.SessionTimeout < TimeSpan.FromMinutes(1) || options.SessionTimeout > TimeSpan.FromDays(7))
        {
            problems.Add($"{AuthOptions.Section}:SessionTimeout must be between 1 minute and 7 days (got {options.SessionTimeout}).");
        }

        if (options.MaxFailedLogins is < 1 or > 100)
        {
            problems.Add($"{AuthOptions.Section}:MaxFailedLogins must be between 1 and 100 (got {options.MaxFailedLogins}).");
        }

        if (options.LockoutDuration < TimeSpan.Zero || options.LockoutDuration > TimeSpan.FromDays(1))
        {
            problems.Add($"{AuthOptions.Section}:LockoutDuration must be between 0 and 1 day (got {options.LockoutDuration}).");
        }

        if (options.CookieSecure is not (CookieSecurePolicy.SameAsRequest or CookieSecurePolicy.Always))
        {
            problems.Add($"{AuthOptions.Section}:CookieSecure must be SameAsRequest or Always (got {options.CookieSecure}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
