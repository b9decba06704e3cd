using Edge.Contracts;
using Edge.Contracts.Topics;
using Edge.Core.Configuration.Model;
using Hardware.Gpio.Buttons;

namespace Edge.Core.Configuration.Validation;

/// <summary>
/// Checks what the values of a site file mean together: every reference resolves, no pin is used twice, every
/// timing is possible. The box and the installer's tool run this same code, so they never disagree.
/// </summary>
public static class SiteFileValidator
{
    /// <summary>BCM 2..27: the GPIOs of the 40-pin header. 0 and 1 are reserved for the HAT EEPROM.</summary>
    public const int FirstPin = 2;

    public const int LastPin = 27;

    public static IReadOnlyList<ConfigProblem> Validate(SiteFile file, Func<string, bool>? fileExists = null)
    {
        ArgumentNullException.ThrowIfNull(file);
        var v = new Checker(file, fileExists ?? File.Exists);
        v.Run();
        return v.Problems;
    }

    private sealed class Checker(SiteFile file, Func<string, bool> fileExists)
    {
        private readonly Dictionary<int, (string What, SourceLocation At)> _pins = [];

        public List<ConfigProblem> Problems { get; } = [];

        public void Run()
        {
            Identifier(file.Site, "id", file.Site.Id, "site");
            Identifier(file.Device, "id", file.Device.Id, "device");
            Check(file.Site.AlertTimeoutMinutes is >= 1 and <= 1440, file.Site, "alertTimeoutMinutes",
                "must be between 1 and 1440 minutes.", "An alert nobody clears is cleared on the box after this time; 30 is usual.");
            Check(file.Board.PollIntervalMs is >= 10 and <= 1000, file.Board, "pollIntervalMs",
                "must be between 10 and 1000 ms.", "100 ms catches a missed edge well within a press.");
            Check(file.Board.Chip is >= 0 and <= 16, file.Board, "chip", "is not a plausible gpiochip number.", "Run 'gpioinfo' on the box to list its chips.");

            Unique(file.Buttons, b => b.Id, "button");
            Unique(file.Outputs, o => o.Id, "output");
            Unique(file.Cameras, c => c.Id, "camera");
            Unique(file.Scenarios, s => s.Id, "scenario");
            Unique(file.Phone?.Contacts ?? [], c => c.Id, "contact");

            foreach (var button in file.Buttons)
            {
                CheckButton(button);
            }

            foreach (var output in file.Outputs)
            {
                Identifier(output, "id", output.Id, "output");
                Pin(output, output.Pin, $"output '{output.Id}'");
            }

            Check(file.Outputs.Count(o => o.Kind == OutputKind.Led) <= 1, file, "outputs", "declares more than one status LED.", "Keep one output of kind led.");

            foreach (var camera in file.Cameras)
            {
                Identifier(camera, "id", camera.Id, "camera");
                if (camera.Username is not null && camera.PasswordSecret is null)
                {
                    Warn(camera, "passwordSecret", "gives a user name but no password secret: the camera will be asked without a password.",
                        "Add passwordSecret: <name> and store the password with the provisioning tool.");
                }
            }

            if (file.Phone is { } phone)
            {
                CheckPhone(phone);
            }

            if (file.Scenarios.Count == 0)
            {
                Error(file, "scenarios", "there is no scenario: no press would do anything.", "Add at least one scenario.");
            }

            foreach (var scenario in file.Scenarios)
            {
                CheckScenario(scenario);
            }

            CheckTriggersAreDistinct();
            foreach (var button in file.Buttons.Where(b => !file.Scenarios.Any(s => s.Trigger.Button == b.Id)))
            {
                Warn(button, "id", $"button '{button.Id}' starts no scenario: pressing it does nothing.", "Add a scenario with trigger.button: " + button.Id + ", or remove the button.");
            }
        }

        private void CheckButton(ButtonConfig button)
        {
            Identifier(button, "id", button.Id, "button");
            Pin(button, button.Pin, $"button '{button.Id}'");
            Check(button.DebounceMs is >= 1 and <= 500, button, "debounceMs", "must be between 1 and 500 ms.", "30 ms suits most push buttons.");
            Check(button.StuckAfterSeconds is >= 5 and <= 86_400, button, "stuckAfterSeconds", "must be between 5 s and one day.", "60 s is a good default.");

            // A press pattern that needs the button held longer than the stuck-button fault is impossible.
            var longest = GesturesOn(button.Id).Where(g => g.Gesture.Kind == GestureKind.Long).Select(g => g.Gesture.Hold).DefaultIfEmpty(TimeSpan.Zero).Max();
            if (longest >= TimeSpan.FromSeconds(button.StuckAfterSeconds))
            {
                Error(button, "stuckAfterSeconds", $"is {button.StuckAfterSeconds} s but a long press of {longest.TotalSeconds:0.#} s is expected on this button: every such press would be reported as a fault.",
                    $"Set stuckAfterSeconds above {Math.Ceiling(longest.TotalSeconds) + 5}.");
            }
        }

        private void CheckPhone(PhoneConfig phone)
        {
            foreach (var contact in phone.Contacts)
            {
                Identifier(contact, "id", contact.Id, "contact");
                var isUri = contact.Uri.StartsWith("sip:", StringComparison.OrdinalIgnoreCase) || contact.Uri.StartsWith("sips:", StringComparison.OrdinalIgnoreCase);
                var isNumber = contact.Uri.Length > 0 && contact.Uri.All(c => char.IsAsciiDigit(c) || c is '+' or '*' or '#');
                Check(isUri || isNumber, contact, "uri", $"'{contact.Uri}' is neither a SIP URI nor a phone number.", "Write sip:17@pbx.example or a number such as 0612345678.");
                if (isNumber && phone.Server is null)
                {
                    Error(contact, "uri", $"'{contact.Uri}' is a number, and numbers are dialled through phone.server, which is not set.", "Set phone.server to the PBX, or write a full sip: URI.");
                }
            }

            if (phone.Server is not null && phone.Username is null)
            {
                Warn(phone, "username", "a server is set without a username: calls will be placed anonymously.", "Set phone.username to the box's SIP account.");
            }
        }

        private void CheckScenario(ScenarioConfig s)
        {
            Identifier(s, "id", s.Id, "scenario");
            var trigger = s.Trigger;
            Reference(trigger, "button", trigger.Button, file.Buttons.Select(b => b.Id), "button", $"scenario '{s.Id}'");
            Gesture(trigger, trigger.Gesture);

            if (s.Siren is { } siren)
            {
                Signal(siren, OutputKind.Siren, s);
                if (s.Silent)
                {
                    Error(siren, "output", $"scenario '{s.Id}' is silent but names a siren: a silent alarm must not sound anything.",
                        "Remove the siren section, or set silent: false.");
                }
            }

            if (s.Strobe is { } strobe)
            {
                Signal(strobe, OutputKind.Strobe, s);
            }

            if (s.Camera is { } camera)
            {
                Reference(camera, "camera", camera.Camera, file.Cameras.Select(c => c.Id), "camera", $"scenario '{s.Id}'");
                Check(camera.Snapshots is >= 0 and <= MessageLimits.MaxSnapshotsPerAlert, camera, "snapshots", $"must be between 0 and {MessageLimits.MaxSnapshotsPerAlert}.", "3 snapshots a second apart are usual.");
                Check(camera.IntervalMs is >= 100 and <= 60_000, camera, "intervalMs", "must be between 100 ms and 60 s.", null);
                Check(camera.SettleMs is >= 0 and <= 30_000, camera, "settleMs", "must be between 0 and 30 000 ms.", null);
                Check(camera.TimeoutSeconds is >= 1 and <= 600, camera, "timeoutSeconds", "must be between 1 and 600 s.", null);
                var needed = TimeSpan.FromMilliseconds(camera.SettleMs + ((long)Math.Max(0, camera.Snapshots - 1) * camera.IntervalMs));
                if (needed >= TimeSpan.FromSeconds(camera.TimeoutSeconds))
                {
                    Error(camera, "timeoutSeconds", $"is {camera.TimeoutSeconds} s, but settling and {camera.Snapshots} snapshots take at least {needed.TotalSeconds:0.#} s.",
                        $"Raise timeoutSeconds above {Math.Ceiling(needed.TotalSeconds) + 5}, or take fewer snapshots.");
                }
            }

            if (s.Call is { } call)
            {
                CheckCall(call, s);
            }

            if (s.Cancel is { } cancel)
            {
                Reference(cancel, "button", cancel.Button, file.Buttons.Select(b => b.Id), "button", $"scenario '{s.Id}'");
                Gesture(cancel, cancel.Gesture);
                Check(cancel.WithinSeconds is >= 1 and <= 600, cancel, "withinSeconds", "must be between 1 and 600 s.", "30 s leaves time to cancel a mistaken press.");
                if (cancel.Button == trigger.Button && cancel.Gesture == trigger.Gesture)
                {
                    Error(cancel, "gesture", $"cancels scenario '{s.Id}' with the very gesture that raises it.", "Use another gesture, e.g. gesture: long with holdMs: 5000.");
                }
            }
        }

        private void CheckCall(CallActionConfig call, ScenarioConfig s)
        {
            if (file.Phone is null)
            {
                Error(call, "contacts", $"scenario '{s.Id}' places calls but the file has no phone section.", "Add a phone section with the SIP account and the contacts.");
            }
            else
            {
                Check(call.Contacts.Count > 0, call, "contacts", "lists nobody to call.", "List contact ids from phone.contacts.");
                foreach (var contact in call.Contacts)
                {
                    Reference(call, "contacts", contact, file.Phone.Contacts.Select(c => c.Id), "contact", $"scenario '{s.Id}'");
                }
            }

            Check(call.AttemptsPerContact is >= 1 and <= 10, call, "attemptsPerContact", "must be between 1 and 10.", null);
            Check(call.Rounds is >= 1 and <= 10, call, "rounds", "must be between 1 and 10.", null);
            Check(call.RingTimeoutSeconds is >= 5 and <= 180, call, "ringTimeoutSeconds", "must be between 5 and 180 s.", "30 s is about six rings.");
            Check(call.MaxCallSeconds is >= 10 and <= 3600, call, "maxCallSeconds", "must be between 10 s and one hour.", null);
            if (call.Message.Length > 0 && !fileExists(file.ResolvePath(call.Message)))
            {
                Error(call, "message", $"the message file '{call.Message}' does not exist (looked for {file.ResolvePath(call.Message)}).",
                    "Create it with the provisioning tool: provision message --text \"...\" --out " + call.Message);
            }
        }

        private void Signal(SignalConfig signal, OutputKind expected, ScenarioConfig s)
        {
            var output = file.Output(signal.Output);
            Reference(signal, "output", signal.Output, file.Outputs.Select(o => o.Id), "output", $"scenario '{s.Id}'");
            if (output is not null && output.Kind != expected && output.Kind != OutputKind.Relay)
            {
                Error(signal, "output", $"'{output.Id}' is an output of kind {output.Kind.ToString().ToLowerInvariant()}, not {expected.ToString().ToLowerInvariant()}.",
                    $"Name an output of kind {expected.ToString().ToLowerInvariant()}.");
            }

            Check(signal.DurationSeconds is >= 1 and <= 3600, signal, "durationSeconds", "must be between 1 s and one hour.", "3 minutes (180) is usual for a siren.");
            if (signal.Pattern == "pulsed")
            {
                Check(signal.OnMs is >= 50 and <= 10_000, signal, "onMs", "must be between 50 and 10 000 ms: a relay cannot switch faster.", null);
                Check(signal.OffMs is >= 50 and <= 10_000, signal, "offMs", "must be between 50 and 10 000 ms: a relay cannot switch faster.", null);
            }
        }

        private void Gesture(ConfigNode node, GestureDefinition gesture)
        {
            switch (gesture.Kind)
            {
                case GestureKind.Long:
                    Check(gesture.Hold >= TimeSpan.FromMilliseconds(300) && gesture.Hold <= TimeSpan.FromSeconds(30), node, "holdMs",
                        "must be between 300 ms and 30 s.", "2000 ms tells a long press from a normal one.");
                    break;
                case GestureKind.Multi:
                    Check(gesture.Count is >= 2 and <= 10, node, "count", "must be between 2 and 10 presses.", null);

                    // A person needs ~150 ms per press and release; anything faster is impossible to do on purpose.
                    var minimum = TimeSpan.FromMilliseconds(150 * Math.Max(gesture.Count, 2));
                    Check(gesture.Window >= minimum && gesture.Window <= TimeSpan.FromSeconds(10), node, "windowMs",
                        $"must be between {minimum.TotalMilliseconds:0} ms and 10 s for {gesture.Count} presses.", $"Allow about 500 ms per press, e.g. windowMs: {gesture.Count * 500}.");
                    break;
            }
        }

        private void CheckTriggersAreDistinct()
        {
            // A single press starts its scenario at once (no waiting to see what follows), so any other trigger on
            // the same button would start that scenario as well.
            foreach (var group in file.Scenarios.GroupBy(s => s.Trigger.Button))
            {
                var single = group.FirstOrDefault(s => s.Trigger.Gesture.Kind == GestureKind.Single);
                if (single is null)
                {
                    continue;
                }

                foreach (var other in group.Where(s => s.Trigger.Gesture.Kind != GestureKind.Single))
                {
                    Error(other.Trigger, "gesture", $"scenario '{other.Id}' starts with a {other.Trigger.Gesture} on button '{group.Key}', whose first press already starts '{single.Id}' at once: both would run.",
                        "Give this scenario its own button (a key switch for drills, say), or use the gesture as the cancel gesture of '" + single.Id + "'.");
                }
            }

            foreach (var button in file.Buttons)
            {
                var multis = GesturesOn(button.Id).Where(g => g.Gesture.Kind == GestureKind.Multi).DistinctBy(g => g.Gesture).ToList();
                if (multis.Count > 1)
                {
                    Error(multis[1].Node, "count", $"button '{button.Id}' has two different multi-press gestures ({multis[0].Gesture} and {multis[1].Gesture}): the shorter is always part of the longer.",
                        "Use one multi-press gesture per button.");
                }
            }

            var seen = new Dictionary<(string, GestureDefinition), ScenarioConfig>();
            foreach (var s in file.Scenarios)
            {
                if (!seen.TryAdd((s.Trigger.Button, s.Trigger.Gesture), s))
                {
                    var first = seen[(s.Trigger.Button, s.Trigger.Gesture)];
                    Error(s.Trigger, "button", $"scenario '{s.Id}' has the same trigger as scenario '{first.Id}' (line {first.Trigger.Location.Line}): one press cannot start two scenarios.",
                        "Change the button or the gesture of one of them.");
                }
            }
        }

        /// <summary>Every gesture expected on a button: scenario triggers and cancel gestures.</summary>
        private IEnumerable<(GestureDefinition Gesture, ConfigNode Node)> GesturesOn(string buttonId)
        {
            foreach (var s in file.Scenarios)
            {
                if (s.Trigger.Button == buttonId)
                {
                    yield return (s.Trigger.Gesture, s.Trigger);
                }

                if (s.Cancel is { } cancel && cancel.Button == buttonId)
                {
                    yield return (cancel.Gesture, cancel);
                }
            }
        }

        private void Pin(ConfigNode node, int pin, string what)
        {
            if (pin is < FirstPin or > LastPin)
            {
                Error(node, "pin", $"GPIO {pin} does not exist on the 40-pin header.", $"Use a BCM GPIO number between {FirstPin} and {LastPin} (the wiring table in the README lists free ones).");
                return;
            }

            if (_pins.TryGetValue(pin, out var owner))
            {
                Error(node, "pin", $"GPIO {pin} is already used by {owner.What} (line {owner.At.Line}).", "Wire this one to a free GPIO and change its pin.");
                return;
            }

            _pins[pin] = (what, node.At("pin"));
        }

        private void Identifier(ConfigNode node, string field, string value, string what)
        {
            if (value.Length > 0 && !Identifiers.IsValid(value))
            {
                Error(node, field, $"'{value}' is not a valid {what} id: {Identifiers.Rule}.", $"For example: {Slug(value)}.");
            }
        }

        private void Reference(ConfigNode node, string field, string id, IEnumerable<string> defined, string what, string user)
        {
            var ids = defined.ToList();
            if (id.Length == 0 || ids.Contains(id))
            {
                return;
            }

            var suggestion = Reading.Suggestions.Nearest(id, ids);
            Error(node, field, $"{user} names {what} '{id}', which is not defined.",
                suggestion is not null ? $"Did you mean '{suggestion}'?" : ids.Count == 0 ? $"Define the {what} first." : $"Defined {what}s: {string.Join(", ", ids)}.");
        }

        private void Unique<T>(IEnumerable<T> items, Func<T, string> id, string what)
            where T : ConfigNode
        {
            var seen = new Dictionary<string, T>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                var key = id(item);
                if (key.Length > 0 && !seen.TryAdd(key, item))
                {
                    Error(item, "id", $"{what} id '{key}' is used twice (first at line {seen[key].Location.Line}).", $"Give each {what} its own id.");
                }
            }
        }

        private void Check(bool ok, ConfigNode node, string field, string message, string? fix)
        {
            if (!ok)
            {
                Error(node, field, $"{field} {message}", fix);
            }
        }

        private void Error(ConfigNode node, string field, string message, string? fix) => Add(ProblemSeverity.Error, node, field, message, fix);

        private void Warn(ConfigNode node, string field, string message, string? fix) => Add(ProblemSeverity.Warning, node, field, message, fix);

        private void Add(ProblemSeverity severity, ConfigNode node, string field, string message, string? fix)
        {
            var at = node.At(field);
            Problems.Add(new ConfigProblem(severity, file.FilePath, at.Line, at.Column, node.PathOf(field), message, fix));
        }

        private static string Slug(string value)
        {
            var chars = value.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
            var slug = new string(chars).Trim('-');
            return slug.Length == 0 ? "reception-1" : slug[..Math.Min(slug.Length, Identifiers.MaxLength)];
        }
    }
}
