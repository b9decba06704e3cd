using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using Provisioning.Cli.Commands.Deploy;
using Provisioning.Cli.Commands.Secret;
using Provisioning.Cli.Commands.Site;
using Provisioning.Cli.Output;
using Provisioning.Cli.Parsing;

namespace Provisioning.Cli.Commands.Device;

/// <summary>
/// <c>device enroll</c>: gives the box its identity at the relay. The key pair is made here and never leaves the box;
/// the relay's CA is fetched and accepted only if it has the fingerprint the administrator gave with the one-time
/// code; the code and a signing request go to <c>POST /api/enroll</c> over HTTPS trusting that CA alone; the
/// certificate, the CA and the key are stored owner-only, and the box's settings file points its uplink at the
/// relay's MQTT-over-TLS endpoint with them.
/// </summary>
internal sealed class DeviceEnrollCommand : Command
{
    /// <summary>Where the box reads its settings (<c>EdgeApp.DefaultSettingsFile</c>'s folder).</summary>
    public const string DefaultSettingsDirectory = "/etc/panic-edge";

    private readonly CliContext _context;

    private readonly Option<string> _relay = new("--relay")
    {
        Description = "The relay's HTTPS address, e.g. https://relais.ville.fr:8443 (https:// is assumed when left out).",
        HelpName = "url",
        Required = true,
    };

    private readonly Option<string?> _code = new("--code")
    {
        Description = "The one-time enrolment code the administrator made for this box (XXXX-XXXX-XXXX-XXXX-XXXX). Or --code-stdin, which keeps it out of the shell history.",
        HelpName = "code",
    };

    private readonly Option<bool> _codeStdin = new("--code-stdin") { Description = "Read the code from the first line of standard input." };

    private readonly Option<string> _fingerprint = new("--ca-fingerprint")
    {
        Description = "The relay CA's fingerprint shown with the code (sha256:…): the relay is trusted only if its CA has it.",
        HelpName = "sha256:hex",
        Required = true,
    };

    private readonly Option<string> _site = new("--site")
    {
        Description = "The box's site file: its site.id and device.id are the identity enrolled ({site}.{device}).",
        HelpName = "file",
        Required = true,
    };

    private readonly Option<string> _out = new("--out")
    {
        Description = $"The box's settings folder: tls/ (ca.crt, box.crt, box.key) and edge.json go there. The box reads {DefaultSettingsDirectory}.",
        HelpName = "dir",
        DefaultValueFactory = _ => DefaultSettingsDirectory,
    };

    private readonly Option<bool> _force = new("--force") { Description = "Replace an identity already there (a new key; the relay revokes the old certificate)." };

    private readonly Option<TimeSpan> _timeout = OptionParsers.Duration("--timeout", TimeSpan.FromSeconds(30), "Longest wait for each answer from the relay, e.g. 30s.");

    public DeviceEnrollCommand(CliContext context)
        : base("enroll", "Enrol this box with the crisis cell's relay: make its key here, get its certificate with the one-time code, configure its TLS link.")
    {
        _context = context;
        foreach (var option in new Option[] { _relay, _code, _codeStdin, _fingerprint, _site, _out, _force, _timeout })
        {
            Options.Add(option);
        }

        SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (!UnixOnly.Supported)
        {
            throw UnixOnly.Refusal("device enroll");
        }

        var relay = RelayAddress(parse.GetValue(_relay)!);
        if (!CaFingerprint.TryNormalize(parse.GetValue(_fingerprint), out var pinned))
        {
            throw new UsageException($"--ca-fingerprint is not a CA fingerprint: {CaFingerprint.Rule}.")
            {
                Hint = "Copy it exactly as the administrator was shown it with the code (dashboard, Accounts → Boxes; or 'devices enroll-code').",
            };
        }

        var code = await CodeAsync(parse, cancellationToken).ConfigureAwait(false);
        var site = SiteFiles.Load(parse.GetValue(_site)!).Site;
        var box = new BoxIdentity(site.Site.Id, site.Device.Id, parse.GetValue(_site)!);
        var folder = new BoxTlsFolder(parse.GetValue(_out)!);

        // Everything that can be refused locally is, before the code is spent.
        if (folder.FindExisting() is { } existing && !parse.GetValue(_force))
        {
            throw AlreadyEnrolled(existing, box);
        }

        var settings = EdgeSettingsFile.Read(folder.SettingsDirectory);
        using var key = IssuedIdentity.NewKey();
        if (folder.Prepare(key))
        {
            _context.Error.WriteWarning($"{folder.Folder} could be opened by other users: it is now owner-only (0700).", "Its old key, if any, is replaced by the new one.");
        }

        X509Certificate2 ca;
        EnrolmentAnswer answer;
        X509Certificate2 certificate;
        try
        {
            var client = new RelayEnrolmentClient(_context, relay, parse.GetValue(_timeout));
            ca = await client.FetchCaAsync(pinned, cancellationToken).ConfigureAwait(false);
            _context.Out.WriteSuccess($"the relay's certificate authority has the fingerprint given ({pinned}).");
            answer = await client.EnrolAsync(ca, code, IssuedIdentity.SigningRequest(key, box), box, cancellationToken).ConfigureAwait(false);
            certificate = IssuedIdentity.Check(answer, key, ca, box, _context.Time.GetUtcNow());
        }
        catch
        {
            folder.Discard();
            throw;
        }

        using (ca)
        using (certificate)
        {
            // The code is spent now: whatever happens (Ctrl+C included), the box keeps what it was given.
            try
            {
                folder.Commit(answer.CertificateChainPem, ca.ExportCertificatePem());
                settings.SetUplink(answer.BrokerHost, answer.BrokerPort, folder);
                await settings.WriteAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (CheckFailedException exception)
            {
                throw new CheckFailedException($"The relay enrolled this box (certificate {answer.SerialNumber}), but: {exception.Message}", exception)
                {
                    Hint = (exception.Hint is null ? string.Empty : exception.Hint + " ") + "The code is spent: once this is fixed, ask the administrator for a new one.",
                };
            }

            var owner = await HandOverAsync(folder).ConfigureAwait(false);
            Describe(box, relay, pinned, answer, folder, settings, owner);
            WarnAbout(answer, relay, certificate);
        }

        return ExitCodes.Success;
    }

    /// <summary>https://host:port/ from what was typed; plain HTTP is refused (the code would travel in clear).</summary>
    private static Uri RelayAddress(string text)
    {
        var value = text.Trim();
        if (!value.Contains("://", StringComparison.Ordinal))
        {
            value = "https://" + value;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new UsageException($"--relay '{text}' is not an address: give the relay's HTTPS address, e.g. https://relais.ville.fr:8443.");
        }

        if (uri.Scheme != Uri.UriSchemeHttps)
        {
            throw new UsageException($"--relay '{text}' is not HTTPS: the enrolment code must not travel in clear.")
            {
                Hint = "Give the relay's HTTPS address (Relay:Https:Port on the relay), e.g. https://relais.ville.fr:8443.",
            };
        }

        return new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
    }

    private async Task<string> CodeAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var given = parse.GetValue(_code);
        var fromStdin = parse.GetValue(_codeStdin);
        if (given is not null && fromStdin)
        {
            throw new UsageException("give the code with --code or --code-stdin, not both.");
        }

        var code = fromStdin
            ? (await _context.Input.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.Trim()
            : given?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            throw new UsageException(fromStdin ? "--code-stdin: standard input is empty." : "no enrolment code: give --code or --code-stdin.")
            {
                Hint = "The administrator makes one for this box (relay dashboard, Accounts → Boxes → Enrol a box), shown once with the CA fingerprint: " +
                       "printf '%s\\n' \"$CODE\" | sudo provision device enroll --code-stdin --relay … --ca-fingerprint … --site site.yaml",
            };
        }

        // The relay's shape (20 base-32 characters in groups of 4); spaces and dashes do not matter. Never echoed.
        var compact = code.Replace("-", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (compact.Length != 20 || !compact.All(char.IsAsciiLetterOrDigit))
        {
            throw new UsageException("this is not an enrolment code: a code is 20 letters and digits, shown as XXXX-XXXX-XXXX-XXXX-XXXX.")
            {
                Hint = "Copy it as the administrator was shown it (case, spaces and dashes do not matter).",
            };
        }

        return code;
    }

    private static CheckFailedException AlreadyEnrolled(ExistingIdentity existing, BoxIdentity box)
    {
        var what = existing.Subject is null
            ? $"an identity is already in {existing.Folder} (box.crt or box.key)"
            : $"this box is already enrolled as {existing.Subject} (certificate {existing.SerialNumber}, valid until {existing.NotAfter:yyyy-MM-dd}; files in {existing.Folder})";
        return new CheckFailedException($"{what}; it was left untouched and the code was not used.")
        {
            Hint = $"To enrol it again as {box.Name} (a new key; the relay revokes the old certificate), add --force, with a code not used yet (each code works once). To keep it, there is nothing to do.",
        };
    }

    /// <summary>
    /// The box's service runs as panic-edge and must read its key: run as root, the tls folder goes to that user when
    /// it exists ('provision deploy' does it otherwise). Says who owns the files now.
    /// </summary>
    [UnsupportedOSPlatform("windows")]
    private async Task<string> HandOverAsync(BoxTlsFolder folder)
    {
        var user = SecretFolder.ServiceUser;
        if (!Environment.IsPrivilegedProcess)
        {
            _context.Error.WriteNote($"The files belong to {Environment.UserName}: on the box, enrol with sudo, so that 'provision deploy' hands them to the service user {user}.");
            return $"owner {Environment.UserName}";
        }

        if (!SystemAccounts.UserExists(user))
        {
            _context.Error.WriteNote($"The service user {user} does not exist here yet: 'provision deploy' creates it and hands it {folder.Folder}.");
            return "owner root";
        }

        var owner = $"{user}:{user}";
        var result = await _context.RunCommand("chown", ["-R", owner, folder.Folder], CancellationToken.None).ConfigureAwait(false);
        if (result is not { Succeeded: true })
        {
            _context.Error.WriteWarning(
                $"could not give {folder.Folder} to {user}: {result?.Tail() ?? "chown is not installed"}",
                $"The box's service cannot read its key until: sudo chown -R {owner} {folder.Folder}");
            return "owner root";
        }

        return $"owner {user}";
    }

    [UnsupportedOSPlatform("windows")]
    private void Describe(BoxIdentity box, Uri relay, string pinned, EnrolmentAnswer answer, BoxTlsFolder folder, EdgeSettingsFile settings, string owner)
    {
        _context.Out.WriteSuccess($"enrolled this box as {box.Name} with the relay at {relay.GetLeftPart(UriPartial.Authority)}.");
        var facts = ConsoleWriting.CreateFacts()
            .AddFact("identity", $"{answer.Identity} (site {box.Site}, device {box.Device}; MQTT client id and user)")
            .AddFact("certificate", $"serial {answer.SerialNumber}, valid {Utc(answer.NotBefore)} to {Utc(answer.NotAfter)}")
            .AddFact("broker", $"{answer.BrokerHost}:{answer.BrokerPort.ToString(CultureInfo.InvariantCulture)}, MQTT over TLS with this certificate (no password)")
            .AddFact("relay CA", pinned)
            .AddFact("key", $"{folder.KeyFile} (ECDSA P-256, made on this box and never sent; 0600, folder 0700, {owner})")
            .AddFact("certificate file", $"{folder.CertificateFile} (the box's certificate, then the CA)")
            .AddFact("CA file", folder.CaFile)
            .AddFact("settings", $"{settings.Path} ({(settings.Existed ? "Edge:Uplink merged, other settings kept" : "written")})");
        _context.Out.Write(facts);
        if (settings.Dropped.Count > 0)
        {
            _context.Out.WriteNote($"Removed from Edge:Uplink: {string.Join(", ", settings.Dropped)} (a password link; the certificate is the box's identity now).");
        }

        var settingsFlag = string.Equals(settings.Path, Path.Combine(DefaultSettingsDirectory, EdgeSettingsFile.FileName), StringComparison.Ordinal)
            ? string.Empty
            : $" (this is not the box's default settings file: start it with --Edge:SettingsFile={settings.Path})";
        _context.Out.WriteNote("Next:");
        _context.Out.WriteNote($"  1. Install the box, or restart it if it is installed: provision deploy --site {box.SiteFile}   |   sudo systemctl restart panic-edge{settingsFlag}");
        _context.Out.WriteNote("  2. Check its link: curl -s http://127.0.0.1:8081/status   (link.connected: true; the crisis cell sees the box under Sites)");
        _context.Out.WriteNote($"  3. Before {answer.NotAfter.UtcDateTime:yyyy-MM-dd}: enrol it again with a new code (certificates are not renewed automatically).");
    }

    private void WarnAbout(EnrolmentAnswer answer, Uri relay, X509Certificate2 certificate)
    {
        var now = _context.Time.GetUtcNow();
        if (now < certificate.NotBefore.ToUniversalTime())
        {
            _context.Error.WriteWarning(
                $"this computer's clock ({Utc(now)}) is behind the relay's: the certificate is valid only from {Utc(answer.NotBefore)}, and TLS will refuse it until then.",
                "Set the box's clock (NTP: timedatectl set-ntp true); a Raspberry Pi has no battery-backed clock.");
        }

        if (IsLoopback(answer.BrokerHost) && !IsLoopback(relay.Host))
        {
            _context.Error.WriteWarning(
                $"the relay gives '{answer.BrokerHost}' as its broker's address: this box would look for the broker on itself.",
                "The relay's administrator must set Relay:Tls:ServerNames (the first name is the one boxes use) or Relay:Enrolment:BrokerHost; " +
                "until then, set Edge:Uplink:Host in the settings file to the relay's name.");
        }
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    private static string Utc(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
