using System.Net;
using Microsoft.Extensions.Options;

namespace Relay.Ingest.Broker;

public sealed class BrokerOptionsValidator : IValidateOptions<BrokerOptions>
{
    public ValidateOptionsResult Validate(string? name, BrokerOptions options)
    {
        const string s = BrokerOptions.Section;
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClientId) || options.ClientId.Contains('.', StringComparison.Ordinal) ||
            options.ClientId.IndexOfAny(['/', '+', '#']) >= 0)
        {
            // '.' is reserved for device accounts ({site}.{device}): the relay's own account must never look like one.
            problems.Add($"{s}:ClientId must be set and contain no '.', '/', '+' or '#' (got '{options.ClientId}').");
        }

        if (options.SessionExpiry < TimeSpan.Zero || options.SessionExpiry.TotalSeconds > uint.MaxValue)
        {
            problems.Add($"{s}:SessionExpiry must be between 0 and {uint.MaxValue} seconds.");
        }

        if (options.KeepAlive < TimeSpan.FromSeconds(1) || options.KeepAlive > TimeSpan.FromSeconds(ushort.MaxValue))
        {
            problems.Add($"{s}:KeepAlive must be between 1 and {ushort.MaxValue} seconds.");
        }

        if (options.WatchdogInterval <= TimeSpan.Zero || options.ReconnectMaxDelay < TimeSpan.FromSeconds(1))
        {
            problems.Add($"{s}:WatchdogInterval must be positive and ReconnectMaxDelay at least 1 second.");
        }

        if (options.SharedSubscriptionGroup is { } group &&
            (group.Length == 0 || group.IndexOfAny(['/', '+', '#']) >= 0))
        {
            problems.Add($"{s}:SharedSubscriptionGroup must be a non-empty name without '/', '+' or '#' (got '{group}').");
        }

        switch (options.Mode)
        {
            case BrokerMode.Embedded:
                if (!IPAddress.TryParse(options.ListenAddress, out _))
                {
                    problems.Add($"{s}:ListenAddress must be an IP address such as 127.0.0.1 or 0.0.0.0 (got '{options.ListenAddress}').");
                }

                if (options.Port is < 0 or > 65535)
                {
                    problems.Add($"{s}:Port must be between 0 (any free port) and 65535 (got {options.Port}).");
                }

                if (options.TlsEnabled && !IPAddress.TryParse(options.EffectiveTlsListenAddress, out _))
                {
                    problems.Add($"{s}:TlsListenAddress must be an IP address such as 0.0.0.0 (got '{options.EffectiveTlsListenAddress}').");
                }

                if (options.TlsEnabled && (options.TlsPort is < 0 or > 65535 || (options.TlsPort == options.Port && options.Port != 0)))
                {
                    problems.Add($"{s}:TlsPort must be between 0 (any free port) and 65535, and differ from {s}:Port (got {options.TlsPort}).");
                }

                if (options.UseTls)
                {
                    problems.Add($"{s}:UseTls is for Mode=External (the relay's own connection to another broker); the embedded broker's TLS endpoint is {s}:TlsEnabled.");
                }

                if (options.SharedSubscriptionGroup is not null)
                {
                    problems.Add($"{s}:SharedSubscriptionGroup needs Mode=External: the embedded MQTTnet broker has no shared subscriptions.");
                }

                if (options.MaxPendingMessagesPerClient < 1)
                {
                    problems.Add($"{s}:MaxPendingMessagesPerClient must be at least 1.");
                }

                break;
            case BrokerMode.External:
                if (string.IsNullOrWhiteSpace(options.Host))
                {
                    problems.Add($"{s}:Host is required when {s}:Mode is External.");
                }

                if (options.Port is < 1 or > 65535)
                {
                    problems.Add($"{s}:Port must be between 1 and 65535 when Mode is External (got {options.Port}).");
                }

                if (string.IsNullOrEmpty(options.Username) || (string.IsNullOrEmpty(options.Password) && !options.UseTls))
                {
                    problems.Add($"{s}:Username and {s}:Password (the relay's account on the broker) are required when Mode is External " +
                                 "(without a password when UseTls is on: the relay's certificate is its credential).");
                }

                if (options.CaCertificateFile is { } caFile && !File.Exists(caFile))
                {
                    problems.Add($"{s}:CaCertificateFile: no file '{caFile}'.");
                }

                break;
            default:
                problems.Add($"{s}:Mode must be Embedded or External (got '{options.Mode}').");
                break;
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
