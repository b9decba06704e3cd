using Microsoft.Extensions.Options;
using Relay.Core.Accounts;

namespace Relay.Web.Accounts;

public sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var hasPassword = !string.IsNullOrEmpty(options.Password);
        var hasFile = !string.IsNullOrEmpty(options.PasswordFile);
        if (string.IsNullOrEmpty(options.User))
        {
            return hasPassword || hasFile
                ? ValidateOptionsResult.Fail($"{AdminOptions.Section}:Password or PasswordFile is set but {AdminOptions.Section}:User is not.")
                : ValidateOptionsResult.Success;
        }

        var problems = new List<string>();
        if (!UserNames.IsValid(options.User))
        {
            problems.Add($"{AdminOptions.Section}:User must be {UserNames.Rule} (and not '{UserNames.System}').");
        }

        if (hasPassword == hasFile)
        {
            problems.Add($"{AdminOptions.Section}: set exactly one of Password and PasswordFile for the first administrator '{options.User}'.");
        }
        else if (hasPassword && PasswordRules.Check(options.Password) is { } problem)
        {
            problems.Add($"{AdminOptions.Section}:Password: {problem}");
        }
        else if (hasFile && !File.Exists(options.PasswordFile))
        {
            problems.Add($"{AdminOptions.Section}:PasswordFile '{options.PasswordFile}' does not exist.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
