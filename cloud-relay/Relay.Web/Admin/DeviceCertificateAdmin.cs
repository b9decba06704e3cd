using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Relay.Core.Audit;
using Relay.Core.Certificates;
using Relay.Core.Devices;
using Relay.Core.Enrolment;
using Relay.Core.Storage;
using Relay.Ingest.Authorization;
using Relay.Ingest.Broker;
using Relay.Ingest.Tls;

namespace Relay.Web.Admin;

/// <summary>
/// The boxes' certificates from the command line (relay stopped, like every <c>devices</c> command):
/// <code>
/// devices enroll-code &lt;site&gt; &lt;device&gt; [--valid 24h]    a one-time code, printed once, with the CA fingerprint
/// devices revoke &lt;site&gt; &lt;device&gt; [--comment TEXT]   revoke its certificate(s)
/// devices export-mosquitto --out DIR [--relay-user relay] [--tls-port 8883] [--listen ADDRESS] [--crl-days 365]
/// </code>
/// Each change is audited as <c>cli:{os user}</c>. The CA is made here if the relay never ran (first start).
/// </summary>
public static class DeviceCertificateAdmin
{
    private const int Ok = 0;
    private const int Failed = 1;
    private const int Usage = 2;

    public const string HelpText = """
          devices enroll-code <site> <device> [--valid 24h]
                                                           a one-time enrolment code for the box, printed once (valid 24 h
                                                           by default: 30m, 12h, 7d), with the CA fingerprint to check on it
          devices revoke <site> <device> [--comment TEXT]  revoke the box's certificate (refused from the relay's next start;
                                                           run export-mosquitto again for an external broker)
          devices export-mosquitto --out DIR [--relay-user relay] [--tls-port 8883] [--listen ADDRESS] [--crl-days 365]
                                                           write ca.crt, server.crt, server.key, crl.pem, relay.acl and a
                                                           mosquitto.conf with a TLS listener for the boxes
        """;

    public sealed record Context(LiteDbRelayStore Store, IConfiguration Configuration, TextWriter Output, TextWriter Error, CancellationToken CancellationToken)
    {
        public TlsOptions TlsOptions => Configuration.GetSection(TlsOptions.Section).Get<TlsOptions>() ?? new TlsOptions();

        public TlsMaterial LoadTls() => TlsFiles.LoadOrCreate(TlsOptions, Store.Path, TimeProvider.System, NullLogger.Instance);
    }

    public static async Task<int> EnrollCodeAsync(Context c, DeviceId device, string? validText)
    {
        TimeSpan? validity = null;
        if (validText is not null)
        {
            if (!TryParseDuration(validText, out var parsed))
            {
                await c.Error.WriteLineAsync($"--valid '{validText}': give a duration such as 30m, 12h or 7d.").ConfigureAwait(false);
                return Usage;
            }

            validity = parsed;
        }

        using var tls = c.LoadTls();
        var enrolmentOptions = c.Configuration.GetSection(EnrolmentOptions.Section).Get<EnrolmentOptions>() ?? new EnrolmentOptions();
        var enrolment = new DeviceEnrolment(c.Store, tls, new RevocationList(), Options.Create(enrolmentOptions), Options.Create(c.TlsOptions), TimeProvider.System);
        IssuedEnrolmentCode issued;
        try
        {
            issued = await enrolment.CreateCodeAsync(device, validity, Actor, c.CancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            await c.Error.WriteLineAsync(ex.Message.Split(Environment.NewLine)[0]).ConfigureAwait(false);
            return Usage;
        }

        await AuditAsync(c, AuditActions.EnrolmentCodeCreate, device, $"single use, valid until {issued.ExpiresAt:O}").ConfigureAwait(false);
        await c.Output.WriteLineAsync($"Enrolment code for {device.Username} (single use, valid until {issued.ExpiresAt:O}; shown only now):").ConfigureAwait(false);
        await c.Output.WriteLineAsync($"  {issued.Code}").ConfigureAwait(false);
        await c.Output.WriteLineAsync("Relay CA fingerprint (the box checks the relay's CA against it before trusting it):").ConfigureAwait(false);
        await c.Output.WriteLineAsync($"  {issued.CaFingerprint}").ConfigureAwait(false);
        await c.Output.WriteLineAsync("On the box: device enroll, with this code and fingerprint (it calls POST /api/enroll).").ConfigureAwait(false);
        return Ok;
    }

    public static async Task<int> RevokeAsync(Context c, DeviceId device, string? comment)
    {
        var certificates = new DeviceCertificates(c.Store, new RevocationList(), TimeProvider.System);
        var known = await c.Store.FindDeviceAsync(device, c.CancellationToken).ConfigureAwait(false) is not null;
        var existing = await certificates.ListAsync(device, c.CancellationToken).ConfigureAwait(false);
        if (!known && existing.Count == 0)
        {
            await c.Error.WriteLineAsync($"No device {device.Username} and no certificate for it.").ConfigureAwait(false);
            return Failed;
        }

        var revoked = await certificates.RevokeAsync(device, Actor, RevocationReason.Unspecified, c.CancellationToken).ConfigureAwait(false);
        var serials = revoked.Select(r => r.SerialNumber).ToList();
        await AuditAsync(c, AuditActions.DeviceRevoke, device,
            (serials.Count == 0 ? "no valid certificate" : $"certificates {string.Join(", ", serials)}") + (comment is null ? "" : $"; {comment}")).ConfigureAwait(false);
        if (serials.Count == 0)
        {
            await c.Output.WriteLineAsync($"{device.Username} has no valid certificate: nothing to revoke.").ConfigureAwait(false);
            return Ok;
        }

        await c.Output.WriteLineAsync($"Revoked the certificate(s) of {device.Username}: {string.Join(", ", serials)}.").ConfigureAwait(false);
        await c.Output.WriteLineAsync("The embedded broker refuses them from the relay's next start; for mosquitto, run export-mosquitto again and restart it.").ConfigureAwait(false);
        return Ok;
    }

    public static async Task<int> ExportMosquittoAsync(Context c, Dictionary<string, string?> options)
    {
        if (options.GetValueOrDefault("--out") is not { Length: > 0 } directory)
        {
            await c.Error.WriteLineAsync("export-mosquitto needs --out DIR.").ConfigureAwait(false);
            return Usage;
        }

        var relayUser = options.GetValueOrDefault("--relay-user") ?? "relay";
        var broker = c.Configuration.GetSection(BrokerOptions.Section).Get<BrokerOptions>() ?? new BrokerOptions();
        if (!TryParsePositive(options.GetValueOrDefault("--tls-port"), broker.TlsPort > 0 ? broker.TlsPort : 8883, 65535, out var tlsPort) ||
            !TryParsePositive(options.GetValueOrDefault("--crl-days"), (int)DeviceCertificates.DefaultRevocationListValidity.TotalDays, 3650, out var crlDays))
        {
            await c.Error.WriteLineAsync("--tls-port must be 1..65535 and --crl-days 1..3650.").ConfigureAwait(false);
            return Usage;
        }

        using var tls = c.LoadTls();
        var devices = await c.Store.ListDevicesAsync(c.CancellationToken).ConfigureAwait(false);
        string acl;
        try
        {
            acl = MosquittoAcl.Generate(relayUser, devices.Select(d => d.Id));
        }
        catch (ArgumentException ex)
        {
            await c.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return Usage;
        }

        var certificates = new DeviceCertificates(c.Store, new RevocationList(), TimeProvider.System);
        var crl = await certificates.BuildRevocationListPemAsync(tls.Authority, TimeSpan.FromDays(crlDays), c.CancellationToken).ConfigureAwait(false);
        var files = MosquittoTlsExport.Write(directory, tls, crl, acl, tlsPort, options.GetValueOrDefault("--listen"));
        var revoked = (await c.Store.ListRevokedAsync(c.CancellationToken).ConfigureAwait(false)).Count;
        await c.Output.WriteLineAsync($"Wrote, for {devices.Count} device(s), relay user '{relayUser}' and {revoked} revoked certificate(s) (CRL valid {crlDays} days):").ConfigureAwait(false);
        foreach (var file in files)
        {
            await c.Output.WriteLineAsync($"  {file}").ConfigureAwait(false);
        }

        await c.Output.WriteLineAsync("Include mosquitto.conf from mosquitto's configuration, give its account read access to server.key, and restart").ConfigureAwait(false);
        await c.Output.WriteLineAsync("mosquitto after every export: it reads the CRL at start.").ConfigureAwait(false);
        return Ok;
    }

    /// <summary>"30m", "12h", "7d", or a TimeSpan ("1.00:00:00").</summary>
    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        if (text.Length >= 2 && double.TryParse(text[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            TimeSpan? parsed = char.ToLowerInvariant(text[^1]) switch
            {
                'm' => TimeSpan.FromMinutes(amount),
                'h' => TimeSpan.FromHours(amount),
                'd' => TimeSpan.FromDays(amount),
                _ => null,
            };
            if (parsed is { } value)
            {
                duration = value;
                return true;
            }
        }

        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
    }

    private static string Actor => $"cli:{Environment.UserName}";

    private static bool TryParsePositive(string? text, int fallback, int max, out int value)
    {
        value = fallback;
        return text is null || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1 && value <= max);
    }

    private static Task AuditAsync(Context c, string action, DeviceId device, string detail) =>
        c.Store.AppendAsync(new AuditEntry
        {
            At = TimeProvider.System.GetUtcNow(),
            Actor = Actor,
            Action = action,
            Target = AuditActions.DeviceTarget(device),
            Detail = detail,
            RemoteAddress = "local",
            UserAgent = "relay devices command",
        }, c.CancellationToken);
}
