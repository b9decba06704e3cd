using Microsoft.Extensions.Options;

namespace Relay.Core.Retention;

public sealed class RetentionOptionsValidator : IValidateOptions<RetentionOptions>
{
    public ValidateOptionsResult Validate(string? name, RetentionOptions options)
    {
        var problems = new List<string>();
        if (options.Snapshots < TimeSpan.FromHours(1))
        {
            problems.Add($"{RetentionOptions.Section}:Snapshots must be at least 1 hour (got {options.Snapshots}); the legal maximum is one month.");
        }

        if (options.PurgeInterval < TimeSpan.FromSeconds(1) || options.PurgeInterval > TimeSpan.FromDays(1))
        {
            problems.Add($"{RetentionOptions.Section}:PurgeInterval must be between 1 second and 1 day (got {options.PurgeInterval}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
