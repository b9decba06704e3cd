namespace Provisioning.Cli.Commands.Site.Templates;

/// <summary>The scenarios town halls ask for. Any combination of them makes a valid site file.</summary>
internal static class TemplateCatalog
{
    public static readonly ScenarioTemplate IntruderReception = new()
    {
        Name = "intruder-reception",
        ScenarioId = "agression-accueil",
        Title = "Agression à l'accueil",
        CommentFr = "Agression à l'accueil : un appui sur le bouton du comptoir, sirène pulsée et flash ; un appui long (5 s) dans les 30 s annule (fausse alerte, conservée).",
        CommentEn = "Assault at the reception desk: one press, pulsed siren and strobe; a 5 s long press within 30 s cancels it (false alarm, kept on record).",
        Summary = "agression à l'accueil: single press, critical, pulsed siren + strobe, cancel by a long press within 30 s",
        Button = TemplateHardware.Reception,
        Gesture = GestureSpec.Single,
        Severity = "critical",
        Siren = new SignalSpec(TemplateHardware.Siren, "pulsed", DurationSeconds: 180, OnMs: 500, OffMs: 500),
        Strobe = new SignalSpec(TemplateHardware.Strobe, "steady", DurationSeconds: 180),
        Cancel = new CancelSpec(GestureSpec.Long(5000), WithinSeconds: 30),
        UsesCamera = true,
    };

    public static readonly ScenarioTemplate SilentAlarm = new()
    {
        Name = "silent-alarm",
        ScenarioId = "alarme-silencieuse",
        Title = "Alarme silencieuse",
        CommentFr = "Alarme silencieuse : la pédale au sol prévient la cellule de crise sans aucun bruit dans le bâtiment.",
        CommentEn = "Silent alarm: the foot pedal alerts the crisis cell without any sound in the building.",
        Summary = "alarme silencieuse: foot pedal, critical, silent (no siren, no strobe)",
        Button = TemplateHardware.FootPedal,
        Gesture = GestureSpec.Single,
        Severity = "critical",
        Silent = true,
        UsesCamera = true,
    };

    public static readonly ScenarioTemplate MedicalEmergency = new()
    {
        Name = "medical-emergency",
        ScenarioId = "malaise",
        Title = "Malaise",
        CommentFr = "Malaise : un appui demande de l'aide, sans sirène (gravité « warning »).",
        CommentEn = "Medical emergency: one press asks for help, no siren (warning severity).",
        Summary = "malaise: single press, warning severity, no siren",
        Button = TemplateHardware.Medical,
        Gesture = GestureSpec.Single,
        Severity = "warning",
    };

    public static readonly ScenarioTemplate FireDrill = new()
    {
        Name = "fire-drill",
        ScenarioId = "exercice-incendie",
        Title = "Exercice incendie",
        CommentFr = "Exercice incendie : trois appuis rapprochés font sonner la sirène 60 s ; l'alerte est marquée « exercice ».",
        CommentEn = "Fire drill: three presses sound the siren steadily for 60 s; the alert is marked as a drill.",
        Summary = "exercice incendie: 3 presses, drill, steady siren for 60 s",
        Button = TemplateHardware.Drill,
        Gesture = GestureSpec.Multi(3, 1500),
        Severity = "info",
        Drill = true,
        Siren = new SignalSpec(TemplateHardware.Siren, "steady", DurationSeconds: 60),
    };

    public static IReadOnlyList<ScenarioTemplate> All { get; } = [IntruderReception, SilentAlarm, MedicalEmergency, FireDrill];

    public static string[] Names => All.Select(t => t.Name).ToArray();

    public static ScenarioTemplate Get(string name) =>
        All.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown template.");
}
