using Microsoft.Extensions.Options;

namespace Relay.Core.Sites;

public sealed class SiteOptionsValidator : IValidateOptions<SiteOptions>
{
    public ValidateOptionsResult Validate(string? name, SiteOptions options)
    {
        var problems = new List<string>();
        if (options.SupervisionWindow < TimeSpan.FromSeconds(1))
        {
            problems.Add($"{SiteOptions.Section}:SupervisionWindow must be at least 1 second (got {options.SupervisionWindow}); boxes send a heartbeat every 30 s by default.");
        }

        if (options.SupervisionCheckInterval <= TimeSpan.Zero || options.SupervisionCheckInterval > options.SupervisionWindow)
        {
            problems.Add($"{SiteOptions.Section}:SupervisionCheckInterval must be positive and no longer than SupervisionWindow (got {options.SupervisionCheckInterval}).");
        }

        if (options.AlertingWindow <= TimeSpan.Zero)
        {
            problems.Add($"{SiteOptions.Section}:AlertingWindow must be positive (got {options.AlertingWindow}).");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
