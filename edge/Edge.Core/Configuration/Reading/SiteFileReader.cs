using Edge.Contracts.Messages;
using Edge.Core.Configuration.Model;
using Hardware.Gpio.Board;
using Hardware.Gpio.Buttons;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Edge.Core.Configuration.Reading;

/// <summary>
/// Reads the YAML of a site file into the model. Only shape and types are checked here (with the line of each
/// problem); what the values mean together is <see cref="Validation.SiteFileValidator"/>'s job.
/// </summary>
internal static class SiteFileReader
{
    private static readonly Dictionary<string, GpioDriverKind> s_drivers = new(StringComparer.Ordinal)
    {
        ["virtual"] = GpioDriverKind.Virtual,
        ["libgpiod"] = GpioDriverKind.LibGpiod,
        ["libgpiod-v2"] = GpioDriverKind.LibGpiodV2,
        ["raspberry-pi"] = GpioDriverKind.RaspberryPi,
        ["auto"] = GpioDriverKind.Auto,
    };

    private static readonly Dictionary<string, ButtonWiring> s_wirings = new(StringComparer.Ordinal)
    {
        ["normally-open"] = ButtonWiring.NormallyOpen,
        ["normally-closed"] = ButtonWiring.NormallyClosed,
    };

    private static readonly Dictionary<string, InputPull> s_pulls = new(StringComparer.Ordinal)
    {
        ["up"] = InputPull.Up,
        ["down"] = InputPull.Down,
    };

    private static readonly Dictionary<string, OutputKind> s_outputKinds = new(StringComparer.Ordinal)
    {
        ["siren"] = OutputKind.Siren,
        ["strobe"] = OutputKind.Strobe,
        ["led"] = OutputKind.Led,
        ["relay"] = OutputKind.Relay,
    };

    private static readonly Dictionary<string, AlertSeverity> s_severities = new(StringComparer.Ordinal)
    {
        ["info"] = AlertSeverity.Info,
        ["warning"] = AlertSeverity.Warning,
        ["critical"] = AlertSeverity.Critical,
    };

    private static readonly Dictionary<string, GestureKind> s_gestures = new(StringComparer.Ordinal)
    {
        ["single"] = GestureKind.Single,
        ["long"] = GestureKind.Long,
        ["multi"] = GestureKind.Multi,
    };

    private static readonly Dictionary<string, string> s_patterns = new(StringComparer.Ordinal)
    {
        ["steady"] = "steady",
        ["pulsed"] = "pulsed",
    };

    private static readonly Dictionary<string, string> s_transports = new(StringComparer.Ordinal)
    {
        ["udp"] = "udp",
        ["tcp"] = "tcp",
    };

    private static readonly Dictionary<string, string> s_languages = new(StringComparer.Ordinal)
    {
        ["fr"] = "fr",
        ["en"] = "en",
    };

    /// <summary>Parses <paramref name="yaml"/>; returns null when the file is not usable YAML at all.</summary>
    public static SiteFile? Read(string yaml, string file, List<ConfigProblem> problems)
    {
        var context = new ReadContext(file);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            problems.Add(new ConfigProblem(ProblemSeverity.Error, file, (int)ex.Start.Line, (int)ex.Start.Column, string.Empty,
                $"This is not valid YAML: {InnermostMessage(ex)}", "Check the indentation (spaces only, no tabs) and the quotes on this line and the one above."));
            return null;
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            problems.Add(new ConfigProblem(ProblemSeverity.Error, file, 1, 1, string.Empty,
                "A site file is one YAML document with sections site, device, board, buttons, outputs and scenarios.", "Start from the example site file."));
            return null;
        }

        var top = new MappingReader(root, string.Empty, context);
        var site = ReadSite(top.Mapping("site", required: true));
        var device = ReadDevice(top.Mapping("device", required: true));
        var board = ReadBoard(top.Mapping("board"));
        var buttons = top.Sequence("buttons", required: true).Select(ReadButton).ToList();
        var outputs = top.Sequence("outputs").Select(ReadOutput).ToList();
        var cameras = top.Sequence("cameras").Select(ReadCamera).OfType<CameraConfig>().ToList();
        var phone = ReadPhone(top.Mapping("phone"));
        var scenarios = top.Sequence("scenarios", required: true).Select(ReadScenario).OfType<ScenarioConfig>().ToList();
        top.ReportUnknownKeys();
        problems.AddRange(context.Problems);

        if (site is null || device is null)
        {
            return null;
        }

        return new SiteFile
        {
            FilePath = file,
            Location = top.Location,
            FieldLocations = top.Locations,
            Site = site,
            Device = device,
            Board = board,
            Buttons = buttons,
            Outputs = outputs,
            Cameras = cameras,
            Phone = phone,
            Scenarios = scenarios,
        };
    }

    private static SiteInfo? ReadSite(MappingReader? m)
    {
        if (m is null)
        {
            return null;
        }

        var site = new SiteInfo
        {
            Id = m.String("id", required: true) ?? string.Empty,
            Name = m.String("name", required: true) ?? string.Empty,
            Address = m.String("address"),
            Language = m.Choice("language", "fr", s_languages),
            AlertTimeoutMinutes = m.Int("alertTimeoutMinutes", 30),
        };
        return Finish(site, m);
    }

    private static DeviceInfo? ReadDevice(MappingReader? m)
    {
        if (m is null)
        {
            return null;
        }

        var device = new DeviceInfo { Id = m.String("id", required: true) ?? string.Empty, Name = m.String("name") };
        return Finish(device, m);
    }

    private static BoardConfig ReadBoard(MappingReader? m)
    {
        if (m is null)
        {
            return new BoardConfig { Path = "board" };
        }

        var board = new BoardConfig
        {
            Driver = m.Choice("driver", GpioDriverKind.Virtual, s_drivers, required: true),
            Chip = m.Int("chip", 0),
            PollIntervalMs = m.Int("pollIntervalMs", 100),
        };
        return Finish(board, m);
    }

    private static ButtonConfig ReadButton(MappingReader m)
    {
        var button = new ButtonConfig
        {
            Id = m.String("id", required: true) ?? string.Empty,
            Name = m.String("name"),
            Pin = m.Int("pin", -1, required: true),
            Wiring = m.Choice("wiring", ButtonWiring.NormallyOpen, s_wirings),
            Pull = m.Choice("pull", InputPull.Up, s_pulls),
            DebounceMs = m.Int("debounceMs", 30),
            StuckAfterSeconds = m.Int("stuckAfterSeconds", 60),
        };
        return Finish(button, m);
    }

    private static OutputConfig ReadOutput(MappingReader m)
    {
        var output = new OutputConfig
        {
            Id = m.String("id", required: true) ?? string.Empty,
            Name = m.String("name"),
            Kind = m.Choice("kind", OutputKind.Relay, s_outputKinds, required: true),
            Pin = m.Int("pin", -1, required: true),
            ActiveLow = m.Bool("activeLow", false),
        };
        return Finish(output, m);
    }

    private static CameraConfig? ReadCamera(MappingReader m)
    {
        var id = m.String("id", required: true) ?? string.Empty;
        var url = m.String("url", required: true);
        Uri? uri = null;
        if (url is not null && (!Uri.TryCreate(url, UriKind.Absolute, out uri) || uri.Scheme is not ("http" or "https")))
        {
            uri = null;
            m.Locations.TryGetValue("url", out var at);
            Problem(m, at, m.Join("url"), $"'{url}' is not an http(s) URL.", "Write the camera's ONVIF device service URL, e.g. http://192.0.2.10/onvif/device_service.");
        }

        var camera = new CameraConfig
        {
            Id = id,
            Name = m.String("name"),
            Url = uri ?? new Uri("http://invalid.invalid/"),
            Username = m.String("username"),
            PasswordSecret = m.String("passwordSecret"),
            Profile = m.String("profile"),
        };
        Finish(camera, m);
        return uri is null ? null : camera;
    }

    private static PhoneConfig? ReadPhone(MappingReader? m)
    {
        if (m is null)
        {
            return null;
        }

        var phone = new PhoneConfig
        {
            Server = m.String("server"),
            Username = m.String("username"),
            AuthUsername = m.String("authUsername"),
            PasswordSecret = m.String("passwordSecret"),
            DisplayName = m.String("displayName"),
            Transport = m.Choice("transport", "udp", s_transports),
            Register = m.Bool("register", false),
            Contacts = m.Sequence("contacts").Select(ReadContact).ToList(),
        };
        return Finish(phone, m);
    }

    private static ContactConfig ReadContact(MappingReader m)
    {
        var contact = new ContactConfig
        {
            Id = m.String("id", required: true) ?? string.Empty,
            Name = m.String("name", required: true) ?? string.Empty,
            Uri = m.String("uri", required: true) ?? string.Empty,
        };
        return Finish(contact, m);
    }

    private static ScenarioConfig? ReadScenario(MappingReader m)
    {
        var trigger = ReadTrigger(m.Mapping("trigger", required: true));
        var scenario = new ScenarioConfig
        {
            Id = m.String("id", required: true) ?? string.Empty,
            Name = m.String("name", required: true) ?? string.Empty,
            Trigger = trigger ?? new TriggerConfig { Button = string.Empty, Gesture = GestureDefinition.Single },
            Severity = m.Choice("severity", AlertSeverity.Critical, s_severities),
            Silent = m.Bool("silent", false),
            Drill = m.Bool("drill", false),
            Siren = ReadSignal(m.Mapping("siren")),
            Strobe = ReadSignal(m.Mapping("strobe")),
            Camera = ReadCameraAction(m.Mapping("camera")),
            Call = ReadCall(m.Mapping("call")),
            Cancel = ReadCancel(m.Mapping("cancel"), trigger?.Button),
        };
        Finish(scenario, m);
        return trigger is null ? null : scenario;
    }

    private static TriggerConfig? ReadTrigger(MappingReader? m)
    {
        if (m is null)
        {
            return null;
        }

        var trigger = new TriggerConfig { Button = m.String("button", required: true) ?? string.Empty, Gesture = ReadGesture(m) };
        return Finish(trigger, m);
    }

    private static GestureDefinition ReadGesture(MappingReader m)
    {
        var kind = m.Choice("gesture", GestureKind.Single, s_gestures);
        return kind switch
        {
            GestureKind.Long => GestureDefinition.Long(TimeSpan.FromMilliseconds(m.Int("holdMs", 2000))),
            GestureKind.Multi => GestureDefinition.Multi(m.Int("count", 2), TimeSpan.FromMilliseconds(m.Int("windowMs", 2000))),
            _ => GestureDefinition.Single,
        };
    }

    private static SignalConfig? ReadSignal(MappingReader? m)
    {
        if (m is null)
        {
            return null;
        }

        var signal = new SignalConfig
        {
            Output = m.String("output", required: true) ?? string.Empty,
            Pattern = m.Choice("pattern", "steady", s_patterns),
            OnMs = m.Int("onMs", 500),
            OffMs = m.Int("offMs", 500),
            DurationSeconds = m.Int("durationSeconds", 180),
            StopOnAcknowledge = m.Bool("stopOnAcknowledge", true),
        };
        return Finish(signal, m);
    }

    private static CameraActionConfig? ReadCameraAction(MappingReader? m)
    {
        if (m is null)
        {
            return null;
        }

        var camera = new CameraActionConfig
        {
            Camera = m.String("camera", required: true) ?? string.Empty,
            Preset = m.String("preset"),
            Snapshots = m.Int("snapshots", 3),
            IntervalMs = m.Int("intervalMs", 1000),
            SettleMs = m.Int("settleMs", 2000),
            TimeoutSeconds = m.Int("timeoutSeconds", 30),
        };
        return Finish(camera, m);
    }

    private static CallActionConfig? ReadCall(MappingReader? m)
    {
        if (m is null)
        {
            return null;
        }

        var digit = m.String("ackDigit") ?? "1";
        if (digit.Length != 1 || !"0123456789*#".Contains(digit[0], StringComparison.Ordinal))
        {
            m.Locations.TryGetValue("ackDigit", out var at);
            Problem(m, at, m.Join("ackDigit"), $"'{digit}' is not one key of a phone keypad.", "Use a single digit, * or #, e.g. ackDigit: \"1\".");
            digit = "1";
        }

        var call = new CallActionConfig
        {
            Contacts = [.. m.Strings("contacts", required: true).Select(c => c.Value)],
            AttemptsPerContact = m.Int("attemptsPerContact", 1),
            Rounds = m.Int("rounds", 2),
            RingTimeoutSeconds = m.Int("ringTimeoutSeconds", 30),
            MaxCallSeconds = m.Int("maxCallSeconds", 120),
            AckDigit = digit[0],
            Message = m.String("message", required: true) ?? string.Empty,
        };
        return Finish(call, m);
    }

    private static CancelConfig? ReadCancel(MappingReader? m, string? triggerButton)
    {
        if (m is null)
        {
            return null;
        }

        var cancel = new CancelConfig
        {
            Button = m.String("button") ?? triggerButton ?? string.Empty,
            Gesture = ReadGesture(m),
            WithinSeconds = m.Int("withinSeconds", 30),
        };
        return Finish(cancel, m);
    }

    private static T Finish<T>(T node, MappingReader m)
        where T : ConfigNode
    {
        m.ReportUnknownKeys();
        return node with { Path = m.Path, Location = m.Location, FieldLocations = m.Locations };
    }

    private static void Problem(MappingReader m, SourceLocation at, string path, string message, string fix) =>
        m.Context.Add(ProblemSeverity.Error, at, path, message, fix);

    private static string InnermostMessage(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex.Message;
    }
}
