using System.CommandLine;
using System.Text;
using Edge.Contracts.Topics;
using Edge.Core.Configuration;
using Hardware.Onvif;
using Provisioning.Cli.Commands.Board;
using Provisioning.Cli.Commands.Site.Templates;
using Provisioning.Cli.Output;
using Spectre.Console;

namespace Provisioning.Cli.Commands.Site;

/// <summary>
/// <c>site init</c>: writes a new site file from templates, asking what the flags did not say (or, with
/// --no-input, listing it), and checks it with the box's own loader before writing it.
/// </summary>
internal sealed class SiteInitCommand : Command
{
    private static readonly string[] s_drivers = ["libgpiod", "libgpiod-v2", "raspberry-pi", "virtual"];

    private readonly CliContext _context;

    private readonly Option<FileInfo> _out = new("--out", "-o")
    {
        Description = "The site file to write, e.g. site.yaml.",
        Required = true,
    };

    private readonly Option<string[]> _templates = new("--template", "-t")
    {
        Description = "A usual scenario to include; repeat for several. " + string.Join("; ", TemplateCatalog.All.Select(t => $"{t.Name} = {t.Summary}")) + ".",
        HelpName = "name",
        AllowMultipleArgumentsPerToken = false,
    };

    private readonly Option<string?> _siteId = new("--site-id") { Description = "The site id: lower-case letters, digits and '-', e.g. mairie-annexe-nord." };

    private readonly Option<string?> _siteName = new("--site-name") { Description = "The site's name as the crisis cell reads it, e.g. \"Mairie annexe Nord\"." };

    private readonly Option<string?> _address = new("--address") { Description = "The postal address (optional)." };

    private readonly Option<string?> _deviceId = new("--device-id") { Description = "The box's id, unique in the site, e.g. boitier-1." };

    private readonly Option<string?> _deviceName = new("--device-name") { Description = "Where the box is (optional), e.g. \"Local technique, RDC\"." };

    private readonly Option<string?> _driver = new("--driver")
    {
        Description = "The GPIO driver: libgpiod (Raspberry Pi OS Bookworm), libgpiod-v2 (Pi 5, newer images), raspberry-pi (Pi 3/4 registers), virtual (no hardware: demos only).",
    };

    private readonly Option<int> _chip = new("--chip") { Description = "The gpiochip number for the libgpiod drivers (see 'gpioinfo'); 0 by default.", DefaultValueFactory = _ => 0 };

    private readonly Option<string?> _cameraUrl = new("--camera-url") { Description = "The camera's address or ONVIF device service URL (optional): the alert scenarios then turn it and take snapshots." };

    private readonly Option<string?> _cameraUser = new("--camera-user") { Description = "The camera's ONVIF user (its password is stored apart, never in the site file)." };

    private readonly Option<string?> _cameraPreset = new("--camera-preset") { Description = "The PTZ preset that shows the reception desk (name or token); leave out for a fixed camera." };

    private readonly Option<bool> _noInput = new("--no-input") { Description = "Never ask: fail and list what is missing (for scripts)." };

    private readonly Option<bool> _force = new("--force") { Description = "Overwrite the file if it exists." };

    public SiteInitCommand(CliContext context)
        : base("init", "Write a new site file from templates of the usual scenarios, from flags or by asking.")
    {
        _context = context;
        _templates.AcceptOnlyFromAmong(TemplateCatalog.Names);
        _driver.AcceptOnlyFromAmong(s_drivers);
        _chip.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > 16)
            {
                result.AddError("--chip must be a gpiochip number between 0 and 16 (see 'gpioinfo' on the box).");
            }
        });
        foreach (var option in new Option[] { _out, _templates, _siteId, _siteName, _address, _deviceId, _deviceName, _driver, _chip, _cameraUrl, _cameraUser, _cameraPreset, _noInput, _force })
        {
            Options.Add(option);
        }

        SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var file = parse.GetValue(_out)!;
        if (file.Exists && !parse.GetValue(_force))
        {
            // Before any question: nobody wants to answer ten of them to be refused at the end.
            throw new CheckFailedException($"{file.FullName} already exists; it was left untouched.")
            {
                Hint = "Choose another --out, or add --force to overwrite it.",
            };
        }

        var draft = await GatherAsync(parse, cancellationToken).ConfigureAwait(false);
        var yaml = SiteFileComposer.Compose(draft);

        // The box's own loader judges the file before it exists: a template bug must never reach a building.
        LoadedSiteFile loaded;
        try
        {
            loaded = SiteFileLoader.Parse(yaml, file.FullName);
        }
        catch (SiteFileException exception)
        {
            throw new InvalidOperationException("The generated site file does not pass validation:\n" + string.Join('\n', exception.Problems), exception);
        }

        await AtomicFile.WriteAsync(file, Encoding.UTF8.GetBytes(yaml), cancellationToken).ConfigureAwait(false);
        Describe(file, draft, loaded);
        return ExitCodes.Success;
    }

    private async Task<SiteDraft> GatherAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var siteName = Clean(parse.GetValue(_siteName));
        var siteId = Clean(parse.GetValue(_siteId));
        var deviceId = Clean(parse.GetValue(_deviceId));
        var driver = parse.GetValue(_driver);
        var templateNames = parse.GetValue(_templates) ?? [];
        var cameraUrl = Clean(parse.GetValue(_cameraUrl));

        CheckIdentifier("--site-id", siteId);
        CheckIdentifier("--device-id", deviceId);
        var camera = cameraUrl is null ? null : CameraFrom(cameraUrl, parse);

        var missing = new List<string>();
        if (siteName is null)
        {
            missing.Add("--site-name");
        }

        if (siteId is null)
        {
            missing.Add("--site-id");
        }

        if (deviceId is null)
        {
            missing.Add("--device-id");
        }

        if (driver is null)
        {
            missing.Add("--driver");
        }

        if (templateNames.Length == 0)
        {
            missing.Add("--template");
        }

        if (missing.Count > 0 && (parse.GetValue(_noInput) || !_context.CanPrompt))
        {
            throw new UsageException($"missing {string.Join(", ", missing)}" + (parse.GetValue(_noInput) ? " (and --no-input forbids asking)." : " (and there is no terminal to ask on)."))
            {
                Hint = "Example: provision site init --out site.yaml --site-id mairie-annexe --site-name \"Mairie annexe\" --device-id boitier-1 --driver libgpiod --template intruder-reception",
            };
        }

        var prompter = new SiteInitPrompter(_context.Out, cancellationToken);
        if (missing.Count > 0)
        {
            siteName ??= await prompter.SiteNameAsync().ConfigureAwait(false);
            siteId ??= await prompter.SiteIdAsync(siteName).ConfigureAwait(false);
            deviceId ??= await prompter.DeviceIdAsync().ConfigureAwait(false);
            driver ??= await prompter.DriverAsync(s_drivers).ConfigureAwait(false);
            if (templateNames.Length == 0)
            {
                templateNames = [.. (await prompter.TemplatesAsync().ConfigureAwait(false)).Select(t => t.Name)];
            }

            if (camera is null && cameraUrl is null)
            {
                camera = await prompter.CameraAsync().ConfigureAwait(false);
            }
        }

        return new SiteDraft
        {
            SiteId = siteId!,
            SiteName = siteName!,
            Address = Clean(parse.GetValue(_address)),
            DeviceId = deviceId!,
            DeviceName = Clean(parse.GetValue(_deviceName)),
            Driver = driver!,
            Chip = parse.GetValue(_chip),
            Templates = [.. TemplateCatalog.All.Where(t => templateNames.Contains(t.Name))],
            Camera = camera,
            GeneratedOn = DateOnly.FromDateTime(_context.Time.GetLocalNow().DateTime),
        };
    }

    private CameraDraft CameraFrom(string address, ParseResult parse)
    {
        Uri url;
        try
        {
            url = OnvifClient.ToDeviceServiceUri(address);
        }
        catch (ArgumentException exception)
        {
            throw new UsageException($"--camera-url: {exception.Message}") { Hint = "Give the camera's IP address, or its ONVIF URL, e.g. http://192.168.1.64/onvif/device_service." };
        }

        return new CameraDraft(url, Clean(parse.GetValue(_cameraUser)), Clean(parse.GetValue(_cameraPreset)));
    }

    private void Describe(FileInfo file, SiteDraft draft, LoadedSiteFile loaded)
    {
        _context.Out.WriteSuccess($"wrote {file.FullName} ({draft.Templates.Count} scenario(s), checked with the box's validator).");
        foreach (var warning in loaded.Warnings)
        {
            _context.Out.WriteRawLine(warning.ToString());
        }

        var wiring = new Table().Title("[bold]Wiring (câblage)[/]").AddColumns("id", "what", "GPIO (BCM)", "physical pin", "other wire");
        foreach (var button in SiteFileComposer.Buttons(draft))
        {
            var pin = RaspberryPiHeader.ByBcm(button.Pin)!;
            wiring.AddRow(button.Id, Markup.Escape(button.Name), $"{button.Pin}", $"{pin.Physical}", $"GND, e.g. pin {RaspberryPiHeader.NearestGround(pin.Physical)}");
        }

        foreach (var output in SiteFileComposer.Outputs(draft))
        {
            var pin = RaspberryPiHeader.ByBcm(output.Pin)!;
            wiring.AddRow(output.Id, Markup.Escape($"{output.Name} ({output.Kind})"), $"{output.Pin}", $"{pin.Physical}",
                output.Kind == "led" ? $"330 Ω resistor to GND, e.g. pin {RaspberryPiHeader.NearestGround(pin.Physical)}" : "relay board IN");
        }

        _context.Out.Write(wiring);
        _context.Out.WriteNote($"Next: provision site validate {file.Name}   |   provision board pins --site {file.Name}");
    }

    private static void CheckIdentifier(string option, string? value)
    {
        if (value is not null && !Identifiers.IsValid(value))
        {
            throw new UsageException($"{option} '{value}' is not a valid id: {Identifiers.Rule}.") { Hint = $"For example: {Slug.From(value)}." };
        }
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
