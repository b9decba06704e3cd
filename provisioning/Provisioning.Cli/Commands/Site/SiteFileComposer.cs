using System.Globalization;
using System.Text;
using Provisioning.Cli.Commands.Board;
using Provisioning.Cli.Commands.Site.Templates;

namespace Provisioning.Cli.Commands.Site;

/// <summary>
/// Writes the YAML of a site file from a <see cref="SiteDraft"/>, every section explained in French with the
/// English in parentheses, so that the file teaches whoever opens it next. Text, not a serializer: comments and
/// order are the point.
/// </summary>
internal static class SiteFileComposer
{
    public static string Compose(SiteDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var yaml = new YamlLines();
        var date = draft.GeneratedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        yaml.Comment(0, $"Fichier de site du boîtier d'alerte, écrit par « provision site init » le {date}.");
        yaml.Comment(0, $"(Site file of the alert box, written by 'provision site init' on {date}.)");
        yaml.Comment(0, "Chaque section est expliquée en français, puis en anglais entre parenthèses.");
        yaml.Comment(0, "(Each section is explained in French, then in English in parentheses.)");
        yaml.Comment(0, "Après chaque modification, vérifier avec (after every change, check with): provision site validate <ce fichier>");
        yaml.Blank();

        WriteSite(yaml, draft);
        WriteDevice(yaml, draft);
        WriteBoard(yaml, draft);
        WriteButtons(yaml, draft);
        WriteOutputs(yaml, draft);
        WriteCamera(yaml, draft);
        WriteScenarios(yaml, draft);
        return yaml.ToString();
    }

    /// <summary>The buttons the templates need, each once, in template order.</summary>
    public static IReadOnlyList<TemplateButton> Buttons(SiteDraft draft) =>
        draft.Templates.Select(t => t.Button).Distinct().ToList();

    /// <summary>The outputs the templates need, each once, and always the status LED.</summary>
    public static IReadOnlyList<TemplateOutput> Outputs(SiteDraft draft) =>
        draft.Templates.SelectMany(t => t.Outputs).Append(TemplateHardware.StatusLed).Distinct().ToList();

    private static void WriteSite(YamlLines yaml, SiteDraft draft)
    {
        yaml.Comment(0, "Le bâtiment : identifiant (minuscules, chiffres, tirets ; il fait partie des sujets MQTT) et nom lu par la cellule de crise.");
        yaml.Comment(0, "(The building: its id, lower-case letters, digits and dashes, part of the MQTT topics; and the name the crisis cell reads.)");
        yaml.Line(0, "site:");
        yaml.Line(1, $"id: {draft.SiteId}");
        yaml.Line(1, $"name: {YamlText.Quote(draft.SiteName)}");
        if (!string.IsNullOrWhiteSpace(draft.Address))
        {
            yaml.Line(1, $"address: {YamlText.Quote(draft.Address)}");
        }

        yaml.Comment(1, "Langue des messages parlés et écrits par le boîtier : fr ou en (language of the box's spoken and written messages).");
        yaml.Line(1, "language: fr");
        yaml.Comment(1, "Une alerte que personne ne clôt au relais est close sur le boîtier après ce délai (an alert nobody clears at the relay is cleared on the box after this).");
        yaml.Line(1, "alertTimeoutMinutes: 30");
        yaml.Blank();
    }

    private static void WriteDevice(YamlLines yaml, SiteDraft draft)
    {
        yaml.Comment(0, "Le boîtier de ce bâtiment : son identifiant, unique dans le site (the box in this building: its id, unique in the site).");
        yaml.Line(0, "device:");
        yaml.Line(1, $"id: {draft.DeviceId}");
        if (!string.IsNullOrWhiteSpace(draft.DeviceName))
        {
            yaml.Line(1, $"name: {YamlText.Quote(draft.DeviceName)}");
        }

        yaml.Blank();
    }

    private static void WriteBoard(YamlLines yaml, SiteDraft draft)
    {
        yaml.Comment(0, "La carte GPIO : le pilote (the GPIO board: the driver).");
        yaml.Comment(0, "libgpiod = Raspberry Pi OS Bookworm ; libgpiod-v2 = images récentes et Pi 5 ; raspberry-pi = Pi 3/4 ;");
        yaml.Comment(0, "virtual = sans matériel, pour les démonstrations, jamais pour un bâtiment protégé.");
        yaml.Comment(0, "(libgpiod = Raspberry Pi OS Bookworm; libgpiod-v2 = newer images and the Pi 5; raspberry-pi = Pi 3/4;");
        yaml.Comment(0, "virtual = no hardware, for demos, never for a protected building.)");
        yaml.Line(0, "board:");
        yaml.Line(1, $"driver: {draft.Driver}");
        if (draft.Driver is "libgpiod" or "libgpiod-v2")
        {
            yaml.Comment(1, "Numéro du gpiochip, voir « gpioinfo » sur le boîtier (gpiochip number, see 'gpioinfo' on the box).");
            yaml.Line(1, $"chip: {YamlText.Int(draft.Chip)}");
        }

        yaml.Comment(1, "Relecture de secours de toutes les entrées, au cas où un front serait manqué (backstop read of every input, in case an edge is missed).");
        yaml.Line(1, "pollIntervalMs: 100");
        yaml.Blank();
    }

    private static void WriteButtons(YamlLines yaml, SiteDraft draft)
    {
        yaml.Comment(0, "Les boutons : « pin » est le numéro GPIO (BCM), pas le numéro de broche. Un fil sur la broche, l'autre sur une masse (GND).");
        yaml.Comment(0, "normally-closed : le contact s'ouvre à l'appui, et un fil coupé se voit (appui bloqué) : préféré pour les boutons d'alarme ;");
        yaml.Comment(0, "normally-open : le contact se ferme à l'appui. Mettre ici ce que le bouton câblé offre réellement.");
        yaml.Comment(0, "(Buttons: 'pin' is the BCM GPIO number, not the physical pin. One wire to the pin, the other to a ground pin (GND).");
        yaml.Comment(0, "normally-closed: the contact opens when pressed, so a cut wire shows (as a stuck press): preferred for alarm buttons;");
        yaml.Comment(0, "normally-open: the contact closes when pressed. Write what the wired button really offers.)");
        yaml.Line(0, "buttons:");
        foreach (var button in Buttons(draft))
        {
            var pin = RaspberryPiHeader.ByBcm(button.Pin)!;
            var ground = RaspberryPiHeader.NearestGround(pin.Physical);
            yaml.Comment(1, $"GPIO {button.Pin} = broche physique {pin.Physical} ; masse la plus proche : broche {ground} (physical pin {pin.Physical}; nearest ground: pin {ground}).");
            yaml.Line(1, $"- id: {button.Id}");
            yaml.Line(2, $"name: {YamlText.Quote(button.Name)}");
            yaml.Line(2, $"pin: {YamlText.Int(button.Pin)}");
            yaml.Line(2, $"wiring: {button.Wiring}");
            yaml.Line(2, "pull: up");
            yaml.Line(2, "debounceMs: 30");
            yaml.Comment(2, "Appui maintenu plus longtemps = bouton bloqué signalé (held longer = reported as a stuck button).");
            yaml.Line(2, "stuckAfterSeconds: 60");
        }

        yaml.Blank();
    }

    private static void WriteOutputs(YamlLines yaml, SiteDraft draft)
    {
        yaml.Comment(0, "Les sorties : relais de la sirène et du flash, voyant d'état. activeLow: true pour les cartes relais qui s'enclenchent");
        yaml.Comment(0, "sur un niveau bas (la plupart des cartes opto-isolées) : vérifier avec le test de câblage.");
        yaml.Comment(0, "(Outputs: siren and strobe relays, status LED. activeLow: true for relay boards that energise on a low level,");
        yaml.Comment(0, "most opto-isolated boards: check with the wiring test.)");
        yaml.Line(0, "outputs:");
        foreach (var output in Outputs(draft))
        {
            var pin = RaspberryPiHeader.ByBcm(output.Pin)!;
            yaml.Comment(1, $"GPIO {output.Pin} = broche physique {pin.Physical} (physical pin {pin.Physical}).");
            yaml.Line(1, $"- id: {output.Id}");
            yaml.Line(2, $"name: {YamlText.Quote(output.Name)}");
            yaml.Line(2, $"kind: {output.Kind}");
            yaml.Line(2, $"pin: {YamlText.Int(output.Pin)}");
            yaml.Line(2, "activeLow: false");
        }

        yaml.Blank();
    }

    private static void WriteCamera(YamlLines yaml, SiteDraft draft)
    {
        if (draft.Camera is not { } camera)
        {
            yaml.Comment(0, "Pas de caméra pour l'instant : « provision camera discover » les trouve, « provision site init --camera-url » l'ajoute.");
            yaml.Comment(0, "(No camera yet: 'provision camera discover' finds them, 'provision site init --camera-url' adds one.)");
            yaml.Blank();
            return;
        }

        yaml.Comment(0, "La caméra ONVIF : adresse du service « device » et utilisateur. Le mot de passe n'est jamais écrit ici :");
        yaml.Comment(0, "le boîtier le lit dans le secret nommé par passwordSecret.");
        yaml.Comment(0, "(The ONVIF camera: device service URL and user. The password is never written here:");
        yaml.Comment(0, "the box reads it from the secret named by passwordSecret.)");
        yaml.Line(0, "cameras:");
        yaml.Line(1, $"- id: {CameraDraft.Id}");
        yaml.Line(2, $"name: {YamlText.Quote("Caméra de l'accueil")}");
        yaml.Line(2, $"url: {YamlText.Quote(camera.Url.ToString())}");
        if (camera.UserName is not null)
        {
            yaml.Line(2, $"username: {YamlText.Quote(camera.UserName)}");
            yaml.Line(2, $"passwordSecret: {CameraDraft.PasswordSecret}");
        }

        yaml.Blank();
    }

    private static void WriteScenarios(YamlLines yaml, SiteDraft draft)
    {
        yaml.Comment(0, "Les scénarios : ce que fait chaque geste sur chaque bouton. Gravité : info, warning ou critical ;");
        yaml.Comment(0, "silent: true interdit toute sirène ; drill: true marque chaque alerte comme un exercice.");
        yaml.Comment(0, "(Scenarios: what each gesture on each button does. Severity: info, warning or critical;");
        yaml.Comment(0, "silent: true forbids any siren; drill: true marks every alert as an exercise.)");
        yaml.Line(0, "scenarios:");
        foreach (var template in draft.Templates)
        {
            yaml.Comment(1, template.CommentFr);
            yaml.Comment(1, $"({template.CommentEn})");
            yaml.Line(1, $"- id: {template.ScenarioId}");
            yaml.Line(2, $"name: {YamlText.Quote(template.Title)}");
            yaml.Line(2, "trigger:");
            yaml.Line(3, $"button: {template.Button.Id}");
            WriteGesture(yaml, 3, template.Gesture);
            yaml.Line(2, $"severity: {template.Severity}");
            yaml.Line(2, $"silent: {YamlText.Bool(template.Silent)}");
            yaml.Line(2, $"drill: {YamlText.Bool(template.Drill)}");
            WriteSignal(yaml, "siren", template.Siren);
            WriteSignal(yaml, "strobe", template.Strobe);
            if (template.UsesCamera && draft.Camera is { } camera)
            {
                yaml.Comment(2, "Tourner la caméra vers le préréglage puis prendre 3 photos à 1 s d'intervalle (turn the camera to the preset, then take 3 snapshots 1 s apart).");
                yaml.Line(2, "camera:");
                yaml.Line(3, $"camera: {CameraDraft.Id}");
                if (camera.Preset is not null)
                {
                    yaml.Line(3, $"preset: {YamlText.Quote(camera.Preset)}");
                }

                yaml.Line(3, "snapshots: 3");
                yaml.Line(3, "intervalMs: 1000");
                yaml.Line(3, "settleMs: 2000");
                yaml.Line(3, "timeoutSeconds: 30");
            }

            if (template.Cancel is { } cancel)
            {
                yaml.Comment(2, $"Annulation par le même bouton, dans les {YamlText.Int(cancel.WithinSeconds)} s (cancel with the same button, within {YamlText.Int(cancel.WithinSeconds)} s).");
                yaml.Line(2, "cancel:");
                WriteGesture(yaml, 3, cancel.Gesture);
                yaml.Line(3, $"withinSeconds: {YamlText.Int(cancel.WithinSeconds)}");
            }
        }
    }

    private static void WriteGesture(YamlLines yaml, int indent, GestureSpec gesture)
    {
        yaml.Line(indent, $"gesture: {gesture.Kind}");
        switch (gesture.Kind)
        {
            case "long":
                yaml.Line(indent, $"holdMs: {YamlText.Int(gesture.HoldMs)}");
                break;
            case "multi":
                yaml.Line(indent, $"count: {YamlText.Int(gesture.Count)}");
                yaml.Line(indent, $"windowMs: {YamlText.Int(gesture.WindowMs)}");
                break;
        }
    }

    private static void WriteSignal(YamlLines yaml, string key, SignalSpec? signal)
    {
        if (signal is null)
        {
            return;
        }

        yaml.Line(2, $"{key}:");
        yaml.Line(3, $"output: {signal.Output.Id}");
        yaml.Line(3, $"pattern: {signal.Pattern}");
        if (signal.Pattern == "pulsed")
        {
            yaml.Line(3, $"onMs: {YamlText.Int(signal.OnMs)}");
            yaml.Line(3, $"offMs: {YamlText.Int(signal.OffMs)}");
        }

        yaml.Line(3, $"durationSeconds: {YamlText.Int(signal.DurationSeconds)}");
        yaml.Line(3, "stopOnAcknowledge: true");
    }

    /// <summary>Lines at two spaces an indent level, and comments that stay comments whatever they contain.</summary>
    private sealed class YamlLines
    {
        private readonly StringBuilder _text = new();

        public void Line(int indent, string text) => _text.Append(' ', indent * 2).Append(text).Append('\n');

        public void Comment(int indent, string text)
        {
            foreach (var line in text.Split('\n'))
            {
                Line(indent, "# " + line.TrimEnd('\r'));
            }
        }

        public void Blank() => _text.Append('\n');

        public override string ToString() => _text.ToString();
    }
}
