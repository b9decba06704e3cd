using Edge.Contracts.Topics;
using Microsoft.Extensions.Options;

namespace Relay.Core.Devices;

public sealed class ConfiguredDevicesValidator : IValidateOptions<ConfiguredDevicesOptions>
{
    /// <summary>Configuration-declared passwords are still device credentials: refuse toy ones.</summary>
    public const int MinimumPasswordLength = 12;

    public ValidateOptionsResult Validate(string? name, ConfiguredDevicesOptions options)
    {
        var problems = new List<string>();
        for (var i = 0; i < options.Devices.Count; i++)
        {
            var device = options.Devices[i];
            var key = $"{ConfiguredDevicesOptions.Section}:{i}";
            if (!Identifiers.IsValid(device.Site))
            {
                problems.Add($"{key}:Site '{device.Site}' must be {Identifiers.Rule}.");
            }

            if (!Identifiers.IsValid(device.Device))
            {
                problems.Add($"{key}:Device '{device.Device}' must be {Identifiers.Rule}.");
            }

            if (device.Password.Length < MinimumPasswordLength)
            {
                problems.Add($"{key}:Password must be at least {MinimumPasswordLength} characters.");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
