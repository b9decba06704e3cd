using Edge.Contracts.Topics;
using Hardware.Onvif;
using Provisioning.Cli.Commands.Site.Templates;
using Spectre.Console;

namespace Provisioning.Cli.Commands.Site;

/// <summary>The questions of 'site init', in French with the English in parentheses, each checked as it is typed.</summary>
internal sealed class SiteInitPrompter(IAnsiConsole console, CancellationToken cancellationToken)
{
    public Task<string> SiteNameAsync() =>
        new TextPrompt<string>("Nom du site (site name), e.g. Mairie annexe Nord")
            .Validate(name => !string.IsNullOrWhiteSpace(name), "Le nom ne peut pas être vide (the name cannot be empty).")
            .ShowAsync(console, cancellationToken);

    public Task<string> SiteIdAsync(string siteName) =>
        new TextPrompt<string>("Identifiant du site (site id)")
            .DefaultValue(Slug.From(siteName))
            .Validate(IdentifierResult)
            .ShowAsync(console, cancellationToken);

    public Task<string> DeviceIdAsync() =>
        new TextPrompt<string>("Identifiant du boîtier (device id)")
            .DefaultValue("boitier-1")
            .Validate(IdentifierResult)
            .ShowAsync(console, cancellationToken);

    public async Task<string> DriverAsync(IEnumerable<string> drivers)
    {
        var driver = await new SelectionPrompt<string>()
            .Title("Pilote GPIO (GPIO driver):")
            .AddChoices(drivers)
            .UseConverter(d => d switch
            {
                "libgpiod" => "libgpiod       Raspberry Pi OS Bookworm (Pi 3/4)",
                "libgpiod-v2" => "libgpiod-v2    Pi 5, newer images",
                "raspberry-pi" => "raspberry-pi   Pi 3/4 register driver",
                _ => "virtual        no hardware (demo only)",
            })
            .ShowAsync(console, cancellationToken).ConfigureAwait(false);

        // A selection prompt clears itself: say what was chosen, so that it stays on screen.
        console.MarkupLine($"Pilote GPIO (GPIO driver): {Markup.Escape(driver)}");
        return driver;
    }

    public async Task<IReadOnlyList<ScenarioTemplate>> TemplatesAsync()
    {
        var templates = await new MultiSelectionPrompt<ScenarioTemplate>()
            .Title("Scénarios (scenarios) — espace pour cocher, entrée pour valider (space to tick, enter to confirm):")
            .AddChoices(TemplateCatalog.All)
            .Select(TemplateCatalog.IntruderReception)
            .UseConverter(t => Markup.Escape($"{t.Name}: {t.Summary}"))
            .Required()
            .ShowAsync(console, cancellationToken).ConfigureAwait(false);
        console.MarkupLine($"Scénarios (scenarios): {Markup.Escape(string.Join(", ", templates.Select(t => t.Name)))}");
        return templates;
    }

    public async Task<CameraDraft?> CameraAsync()
    {
        var address = await new TextPrompt<string>("Adresse de la caméra ONVIF, vide si aucune (camera address, empty if none)")
            .AllowEmpty()
            .Validate(a => string.IsNullOrWhiteSpace(a) || IsCameraAddress(a) ? ValidationResult.Success() : ValidationResult.Error("Adresse IP, nom ou URL http:// (IP address, host name or http:// URL)."))
            .ShowAsync(console, cancellationToken).ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(address))
        {
            return null;
        }

        var user = await new TextPrompt<string>("Utilisateur ONVIF de la caméra (camera ONVIF user)").DefaultValue("admin").ShowAsync(console, cancellationToken).ConfigureAwait(false);
        var preset = await new TextPrompt<string>("Préréglage PTZ de l'accueil, vide pour une caméra fixe (PTZ preset of the reception desk, empty for a fixed camera)")
            .AllowEmpty().ShowAsync(console, cancellationToken).ConfigureAwait(false);
        return new CameraDraft(OnvifClient.ToDeviceServiceUri(address), user.Trim(), string.IsNullOrWhiteSpace(preset) ? null : preset.Trim());
    }

    private static ValidationResult IdentifierResult(string value) => Identifiers.IsValid(value)
        ? ValidationResult.Success()
        : ValidationResult.Error($"[red]{Markup.Escape(Identifiers.Rule)}[/], e.g. {Markup.Escape(Slug.From(value))}");

    private static bool IsCameraAddress(string address)
    {
        try
        {
            OnvifClient.ToDeviceServiceUri(address);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
