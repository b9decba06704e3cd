using Microsoft.Extensions.Options;
using Relay.Core.Certificates;

namespace Relay.Core.Enrolment;

public sealed class EnrolmentOptionsValidator : IValidateOptions<EnrolmentOptions>
{
    public ValidateOptionsResult Validate(string? name, EnrolmentOptions options)
    {
        const string s = EnrolmentOptions.Section;
        var problems = new List<string>();
        if (options.CodeValidity < TimeSpan.FromMinutes(1) || options.CodeValidity > options.MaxCodeValidity)
        {
            problems.Add($"{s}:CodeValidity must be at least 1 minute and at most {s}:MaxCodeValidity.");
        }

        if (options.MaxCodeValidity > TimeSpan.FromDays(30))
        {
            problems.Add($"{s}:MaxCodeValidity must be at most 30 days: a code is a credential.");
        }

        if (options.AttemptsPerMinute is < 1 or > 1000)
        {
            problems.Add($"{s}:AttemptsPerMinute must be between 1 and 1000.");
        }

        if (options.BrokerHost is { } host && !ServerNames.IsValid(host))
        {
            problems.Add($"{s}:BrokerHost '{host}' is neither a DNS name nor an IP address.");
        }

        if (options.BrokerPort is < 1 or > 65535)
        {
            problems.Add($"{s}:BrokerPort must be between 1 and 65535.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
