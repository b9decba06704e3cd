namespace Provisioning.Cli.Commands.Site.Templates;

/// <summary>A push button or pedal a template needs, with the GPIO it is wired to by default.</summary>
/// <param name="Id">Its id in the site file.</param>
/// <param name="Name">Where it is, in the words of the crisis cell.</param>
/// <param name="Pin">BCM GPIO number.</param>
/// <param name="Wiring">normally-closed for the alarm buttons (a cut wire is then detected), normally-open otherwise.</param>
internal sealed record TemplateButton(string Id, string Name, int Pin, string Wiring);

/// <summary>A relay-driven output (siren, strobe) or the status LED.</summary>
/// <param name="Kind">siren, strobe, led or relay: the site file's words.</param>
internal sealed record TemplateOutput(string Id, string Name, string Kind, int Pin);

/// <summary>
/// The default wiring of every template. Each part has its own GPIO, chosen among those with no other use on a
/// Raspberry Pi (no I2C, SPI, UART or PCM), so that any combination of templates is wired without conflict.
/// </summary>
internal static class TemplateHardware
{
    public static readonly TemplateButton Reception = new("accueil", "Bouton sous le comptoir d'accueil", 17, "normally-closed");

    public static readonly TemplateButton FootPedal = new("pedale", "Pédale au sol de l'accueil", 27, "normally-closed");

    public static readonly TemplateButton Medical = new("malaise", "Bouton malaise de l'accueil", 5, "normally-open");

    public static readonly TemplateButton Drill = new("exercice", "Bouton d'exercice (bureau du responsable)", 6, "normally-open");

    public static readonly TemplateOutput Siren = new("sirene", "Sirène du hall", "siren", 22);

    public static readonly TemplateOutput Strobe = new("flash", "Flash lumineux du hall", "strobe", 23);

    /// <summary>Every file gets the box's status LED: the installer sees at a glance that the box runs.</summary>
    public static readonly TemplateOutput StatusLed = new("led", "Voyant d'état du boîtier", "led", 24);
}
