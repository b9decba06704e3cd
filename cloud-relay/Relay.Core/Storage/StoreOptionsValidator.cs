using Microsoft.Extensions.Options;

namespace Relay.Core.Storage;

public sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            return ValidateOptionsResult.Fail($"{StoreOptions.Section}:Path must name the LiteDB file, e.g. data/relay.db.");
        }

        if (options.Path.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || Directory.Exists(options.Path))
        {
            return ValidateOptionsResult.Fail($"{StoreOptions.Section}:Path '{options.Path}' is not a usable file path (a directory, or invalid characters).");
        }

        return ValidateOptionsResult.Success;
    }
}
