using System.CommandLine;
using System.Net;

namespace Provisioning.Cli.Parsing;

/// <summary>Options whose values need more than the built-in parsing; their errors are usage errors (exit 2).</summary>
internal static class OptionParsers
{
    public static Option<TimeSpan> Duration(string name, TimeSpan defaultValue, string description, bool allowNegative = false) => new(name)
    {
        Description = description,
        HelpName = "duration",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (!DurationText.TryParse(text, out var value))
            {
                result.AddError($"'{text}' is not a duration ({DurationText.Examples}) for {name}.");
                return defaultValue;
            }

            if (!allowNegative && value <= TimeSpan.Zero)
            {
                result.AddError($"{name} must be more than zero.");
            }

            return value;
        },
    };

    public static Option<IPEndPoint?> EndPoint(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "host:port",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (!EndPointText.TryParse(text, out var value))
            {
                result.AddError($"'{text}' is not an address and port for {name}, e.g. 192.0.2.10:3702.");
            }

            return value;
        },
    };

    public static Option<IPAddress?> Address(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "address",
        CustomParser = result =>
        {
            var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
            if (!IPAddress.TryParse(text, out var value))
            {
                result.AddError($"'{text}' is not an IP address for {name}, e.g. 192.168.1.20 (the address of this computer on the cameras' network).");
            }

            return value;
        },
    };

    public static Option<int> Port(string name, int defaultValue, string description) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => defaultValue,
        Validators =
        {
            result =>
            {
                if (result.GetValueOrDefault<int>() is < 0 or > 65535)
                {
                    result.AddError($"{name} must be between 0 (any free port) and 65535.");
                }
            },
        },
    };
}
