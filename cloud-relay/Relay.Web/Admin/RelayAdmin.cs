using Edge.Contracts.Topics;
using Microsoft.Extensions.Logging.Abstractions;
using Relay.Core.Devices;
using Relay.Core.Storage;
using Relay.Ingest.Authorization;

namespace Relay.Web.Admin;

/// <summary>
/// The relay's admin commands, on the same executable (accounts of people: <see cref="UserAdmin"/>):
/// <code>
/// devices add &lt;site&gt; &lt;device&gt; [--password-stdin]   register a device; prints a generated password once
/// devices remove &lt;site&gt; &lt;device&gt;
/// devices list
/// devices acl [--relay-user relay] [--output FILE]     mosquitto ACL for external-broker mode
/// devices enroll-code | revoke | export-mosquitto       the boxes' certificates (<see cref="DeviceCertificateAdmin"/>)
/// </code>
/// Each takes <c>--store PATH</c> (default: <c>Relay:Store:Path</c> from appsettings.json or the environment, else
/// data/relay.db). They open the store file directly, so the relay must be stopped (LiteDB: one process per file).
/// </summary>
public static class RelayAdmin
{
    private const int Ok = 0;
    private const int Failed = 1;
    private const int Usage = 2;

    public static bool Handles(string[] args) => args.Length > 0 && args[0] is "devices" or "users";

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] == "users")
        {
            return await UserAdmin.RunAsync(args, input, output, error, cancellationToken).ConfigureAwait(false);
        }

        var (positional, options) = Split(args.Skip(1));
        if (await AnswerHelpAsync(positional, options, HelpText, output, error).ConfigureAwait(false) is { } helpExit)
        {
            return helpExit;
        }

        LiteDbRelayStore store;
        try
        {
            store = LiteDbRelayStore.Open(StorePath(options), TimeProvider.System, NullLogger<LiteDbRelayStore>.Instance);
        }
        catch (IOException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return Failed;
        }

        using (store)
        {
            var accounts = new DeviceAccounts(store, TimeProvider.System);
            var certificates = new DeviceCertificateAdmin.Context(store, Configuration(), output, error, cancellationToken);
            return positional[0] switch
            {
                "add" when positional.Count == 3 => await AddAsync(accounts, positional[1], positional[2], options.ContainsKey("--password-stdin"), input, output, error, cancellationToken).ConfigureAwait(false),
                "remove" when positional.Count == 3 => await RemoveAsync(accounts, positional[1], positional[2], output, error, cancellationToken).ConfigureAwait(false),
                "list" when positional.Count == 1 => await ListAsync(accounts, store, output, cancellationToken).ConfigureAwait(false),
                "acl" when positional.Count == 1 => await AclAsync(accounts, options, output, error, cancellationToken).ConfigureAwait(false),
                "enroll-code" when positional.Count == 3 => await ParseAsync(positional[1], positional[2], error).ConfigureAwait(false) is { } id
                    ? await DeviceCertificateAdmin.EnrollCodeAsync(certificates, id, options.GetValueOrDefault("--valid")).ConfigureAwait(false)
                    : Usage,
                "revoke" when positional.Count == 3 => await ParseAsync(positional[1], positional[2], error).ConfigureAwait(false) is { } id
                    ? await DeviceCertificateAdmin.RevokeAsync(certificates, id, options.GetValueOrDefault("--comment")).ConfigureAwait(false)
                    : Usage,
                "export-mosquitto" when positional.Count == 1 => await DeviceCertificateAdmin.ExportMosquittoAsync(certificates, options).ConfigureAwait(false),
                _ => await UsageAsync(error).ConfigureAwait(false),
            };
        }
    }

    private const string HelpText = """
        Relay device administration (stop the relay first: the store file is opened directly).

          devices add <site> <device> [--password-stdin]   register a device; without --password-stdin a strong
                                                           password is generated and printed once
          devices remove <site> <device>                   unregister a device
          devices list                                     list registered devices
          devices acl [--relay-user relay] [--output FILE] write a mosquitto ACL file for the registered devices
        """ + "\n" + DeviceCertificateAdmin.HelpText + """

        Options: --store PATH   the relay's LiteDB file (default: Relay:Store:Path, else data/relay.db)
        Site and device: lower-case letters, digits and '-'. The MQTT username and client id are <site>.<device>.
        """;

    private static async Task<int> AddAsync(DeviceAccounts accounts, string site, string device, bool passwordFromStdin, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (await ParseAsync(site, device, error).ConfigureAwait(false) is not { } id)
        {
            return Usage;
        }

        string? password = null;
        if (passwordFromStdin)
        {
            password = (await input.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.TrimEnd('\r', '\n');
            if (password is null || password.Length < ConfiguredDevicesValidator.MinimumPasswordLength)
            {
                await error.WriteLineAsync($"The password read from standard input must be at least {ConfiguredDevicesValidator.MinimumPasswordLength} characters.").ConfigureAwait(false);
                return Usage;
            }
        }

        var secret = await accounts.AddAsync(id, password, cancellationToken).ConfigureAwait(false);
        if (secret is null)
        {
            await error.WriteLineAsync($"Device {id.Username} is already registered (remove it first to change its password).").ConfigureAwait(false);
            return Failed;
        }

        await output.WriteLineAsync($"Registered device {id.Username} (site {id.Site}, device {id.Device}).").ConfigureAwait(false);
        await output.WriteLineAsync($"MQTT username and client id: {id.Username}").ConfigureAwait(false);
        if (!passwordFromStdin)
        {
            await output.WriteLineAsync("Password (shown only now; put it in the box's configuration):").ConfigureAwait(false);
            await output.WriteLineAsync(secret).ConfigureAwait(false);
        }

        return Ok;
    }

    private static async Task<int> RemoveAsync(DeviceAccounts accounts, string site, string device, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (await ParseAsync(site, device, error).ConfigureAwait(false) is not { } id)
        {
            return Usage;
        }

        if (!await accounts.RemoveAsync(id, cancellationToken).ConfigureAwait(false))
        {
            await error.WriteLineAsync($"Device {id.Username} is not registered.").ConfigureAwait(false);
            return Failed;
        }

        await output.WriteLineAsync($"Removed device {id.Username}. Its stored events and alerts are kept.").ConfigureAwait(false);
        return Ok;
    }

    private static async Task<int> ListAsync(DeviceAccounts accounts, LiteDbRelayStore store, TextWriter output, CancellationToken cancellationToken)
    {
        var devices = await accounts.ListAsync(cancellationToken).ConfigureAwait(false);
        var certificates = (await store.ListCertificatesAsync(null, cancellationToken).ConfigureAwait(false)).ToLookup(c => c.Device);
        foreach (var device in devices)
        {
            var current = certificates[device.Id].FirstOrDefault(c => !c.IsRevoked);
            var certificate = current is null ? "certificate=none" : $"certificate={current.SerialNumber}\tuntil={current.NotAfter:O}";
            await output.WriteLineAsync($"{device.Id.Username}\tsite={device.Id.Site}\tdevice={device.Id.Device}\tregistered={device.RegisteredAt:O}\tpassword={(device.HasPassword ? "yes" : "no")}\t{certificate}").ConfigureAwait(false);
        }

        await output.WriteLineAsync($"{devices.Count} device(s).").ConfigureAwait(false);
        return Ok;
    }

    private static async Task<int> AclAsync(DeviceAccounts accounts, Dictionary<string, string?> options, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var relayUser = options.GetValueOrDefault("--relay-user") ?? "relay";
        var devices = await accounts.ListAsync(cancellationToken).ConfigureAwait(false);
        string acl;
        try
        {
            acl = MosquittoAcl.Generate(relayUser, devices.Select(d => d.Id));
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return Usage;
        }

        if (options.GetValueOrDefault("--output") is { } file)
        {
            await File.WriteAllTextAsync(file, acl, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"Wrote the ACL for {devices.Count} device(s) and relay user '{relayUser}' to {file}.").ConfigureAwait(false);
        }
        else
        {
            await output.WriteAsync(acl).ConfigureAwait(false);
        }

        return Ok;
    }

    private static async Task<DeviceId?> ParseAsync(string site, string device, TextWriter error)
    {
        if (Identifiers.IsValid(site) && Identifiers.IsValid(device))
        {
            return new DeviceId(site, device);
        }

        await error.WriteLineAsync($"Site and device must be {Identifiers.Rule} (got '{site}' and '{device}').").ConfigureAwait(false);
        return null;
    }

    private static async Task<int> UsageAsync(TextWriter error)
    {
        await error.WriteLineAsync(HelpText).ConfigureAwait(false);
        return Usage;
    }

    internal static string StorePath(Dictionary<string, string?> options)
    {
        if (options.GetValueOrDefault("--store") is { Length: > 0 } path)
        {
            return path;
        }

        return new StoreOptions { Path = Configuration()[$"{StoreOptions.Section}:Path"] ?? new StoreOptions().Path }.FullPath;
    }

    /// <summary>The relay's settings as the commands see them: appsettings.json beside the binary and the environment.</summary>
    internal static IConfiguration Configuration() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();

    /// <summary>Positional words, and options: <c>--name value</c> for those that take one, flags otherwise.</summary>
    /// <summary>
    /// Help asked for (--help, -h): <paramref name="helpText"/> to standard output, exit 0. No command: the same text to
    /// standard error as a usage error, exit 2. Null when there is a command to run.
    /// </summary>
    internal static async Task<int?> AnswerHelpAsync(List<string> positional, Dictionary<string, string?> options, string helpText, TextWriter output, TextWriter error)
    {
        var helpAsked = options.ContainsKey("--help") || options.ContainsKey("-h");
        if (positional.Count > 0 && !helpAsked)
        {
            return null;
        }

        await (helpAsked ? output : error).WriteLineAsync(helpText).ConfigureAwait(false);
        return helpAsked ? Ok : Usage;
    }

    internal static (List<string> Positional, Dictionary<string, string?> Options) Split(IEnumerable<string> args)
    {
        string[] valued = ["--store", "--relay-user", "--output", "--role", "--valid", "--comment", "--out", "--tls-port", "--crl-days", "--listen"];
        var positional = new List<string>();
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (arg.StartsWith('-'))
            {
                options[arg] = valued.Contains(arg) && e.MoveNext() ? e.Current : null;
            }
            else
            {
                positional.Add(arg);
            }
        }

        return (positional, options);
    }
}
