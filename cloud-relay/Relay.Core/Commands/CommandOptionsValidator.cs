using Microsoft.Extensions.Options;

namespace Relay.Core.Commands;

public sealed class CommandOptionsValidator : IValidateOptions<CommandOptions>
{
    public ValidateOptionsResult Validate(string? name, CommandOptions options) =>
        options.PendingLifetime > TimeSpan.Zero
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{CommandOptions.Section}:PendingLifetime must be positive (got {options.PendingLifetime}).");
}
