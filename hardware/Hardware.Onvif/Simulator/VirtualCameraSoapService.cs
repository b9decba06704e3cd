using System.Collections.Concurrent;
using System.Globalization;
using System.Xml.Linq;
using Hardware.Onvif.Ptz;
using Hardware.Onvif.Soap;

namespace Hardware.Onvif.Simulator;

/// <summary>An answer of the virtual camera: HTTP status and SOAP text.</summary>
internal sealed record SoapReply(int StatusCode, string Body);

/// <summary>
/// Answers SOAP operations by their body element (local name and service namespace), from the recorded
/// responses: replayed as recorded, or generated from them where the answer depends on the camera's
/// state (clock, presets, PTZ position, options).
/// </summary>
internal sealed class VirtualCameraSoapService
{
    private const string XmlDeclaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private static readonly IReadOnlyDictionary<string, string> s_serviceKeys = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [OnvifNamespaces.Device.NamespaceName] = "device",
        [OnvifNamespaces.Media.NamespaceName] = "media",
        [OnvifNamespaces.Media2.NamespaceName] = "media2",
        [OnvifNamespaces.Ptz.NamespaceName] = "ptz",
        [OnvifNamespaces.Imaging.NamespaceName] = "imaging",
        [OnvifNamespaces.Events.NamespaceName] = "events",
        [OnvifNamespaces.DeviceIo.NamespaceName] = "deviceio",
    };

    private readonly VirtualCameraOptions _options;
    private readonly string _httpHost;
    private readonly string _host;
    private readonly int _port;
    private readonly SimulatedPtz _ptz;
    private readonly IReadOnlyList<VirtualCameraPreset> _presets;
    private readonly IReadOnlyList<string> _profileTokens;
    private readonly ConcurrentQueue<string> _received = new();
    private int _gotoPresetCount;
    private string? _lastGotoPresetToken;
    private PtzPosition? _lastAbsoluteMove;

    /// <param name="options">Behaviour.</param>
    /// <param name="realHost">The loopback host the camera listens on.</param>
    /// <param name="port">Its HTTP port.</param>
    public VirtualCameraSoapService(VirtualCameraOptions options, string realHost, int port)
    {
        _options = options;
        _port = port;
        _host = options.ReportedHost ?? realHost;
        _httpHost = options.ReportedHost ?? $"{realHost}:{port.ToString(CultureInfo.InvariantCulture)}";
        _ptz = new SimulatedPtz(options.PtzMoveDuration);
        _presets = options.Presets ?? LoadRecordedPresets();
        _profileTokens = Recorded("GetProfiles.xml").Descendants().Where(e => e.Name.LocalName == "Profiles")
            .Select(p => p.AttributeValue("token") ?? string.Empty).ToList();
    }

    /// <summary>The PRE_AUTH operations of ONVIF Core, which need no credentials.</summary>
    public static bool IsPreAuthenticated(string operation) => operation is "GetSystemDateAndTime" or "GetCapabilities" or "GetServices"
        or "GetServiceCapabilities" or "GetHostname" or "GetWsdlUrl" or "GetEndpointReference";

    public IReadOnlyList<string> ReceivedOperations => [.. _received];

    public int GotoPresetCount => Volatile.Read(ref _gotoPresetCount);

    public string? LastGotoPresetToken => Volatile.Read(ref _lastGotoPresetToken);

    public PtzPosition? LastAbsoluteMove => Volatile.Read(ref _lastAbsoluteMove);

    public DateTimeOffset CameraNow => _options.TimeProvider.GetUtcNow() + _options.ClockOffset;

    public void RecordReceived(string operation) => _received.Enqueue(operation);

    public SoapReply Handle(XElement operation)
    {
        string name = operation.Name.LocalName;
        string service = s_serviceKeys.GetValueOrDefault(operation.Name.NamespaceName, string.Empty);

        if (_options.ReplayFiles.TryGetValue(name, out string? file))
        {
            return Ok(Render(file));
        }

        return service switch
        {
            "device" => Device(name),
            "media" => Media(name, operation),
            "media2" => _options.HasMedia2 ? Media2(name, operation) : NotSupported(name),
            "ptz" => _options.HasPtz ? Ptz(name, operation) : NotSupported(name),
            _ => Replay(service, name),
        };
    }

    private SoapReply Device(string name) => name switch
    {
        "GetSystemDateAndTime" => Ok(SystemDateAndTime()),
        "GetServices" when _options.FailGetServices => Fault(500, "Receiver", ["ActionNotSupported"], "GetServices is not implemented by this firmware"),
        "GetServices" => Ok(Services()),
        "GetCapabilities" => Ok(Capabilities()),
        _ => Replay("device", name),
    };

    private SoapReply Media(string name, XElement operation)
    {
        if (name is "GetSnapshotUri" or "GetStreamUri" && UnknownProfile(operation) is { } fault)
        {
            return fault;
        }

        return name == "GetProfiles" ? Ok(Profiles()) : Replay("media", name);
    }

    private SoapReply Media2(string name, XElement operation)
    {
        if (name is "GetSnapshotUri" or "GetStreamUri" && UnknownProfile(operation) is { } fault)
        {
            return fault;
        }

        XNamespace tr2 = OnvifNamespaces.Media2;
        return name switch
        {
            "GetProfiles" => Ok(Media2Profiles()),
            "GetSnapshotUri" or "GetStreamUri" => Ok(Envelope(new XElement(tr2 + (name + "Response"),
                new XElement(tr2 + "Uri", MediaUriFrom(name == "GetSnapshotUri" ? "GetSnapshotUri.xml" : "GetStreamUri.xml"))))),
            _ => NotSupported(name),
        };
    }

    private SoapReply Ptz(string name, XElement operation)
    {
        if (UnknownProfile(operation) is { } fault)
        {
            return fault;
        }

        switch (name)
        {
            case "GetPresets":
                return Ok(Presets());
            case "GotoPreset":
                string token = operation.ChildText("PresetToken") ?? string.Empty;
                VirtualCameraPreset? preset = _presets.FirstOrDefault(p => p.Token == token);
                if (preset is null)
                {
                    return Fault(400, "Sender", ["InvalidArgVal", "NoToken"], $"The requested preset token '{token}' does not exist.");
                }

                _ptz.MoveTo(preset.Position, _options.TimeProvider.GetUtcNow());
                Volatile.Write(ref _lastGotoPresetToken, token);
                Interlocked.Increment(ref _gotoPresetCount);
                return Replay("ptz", name);
            case "AbsoluteMove":
                XElement? position = operation.Child("Position");
                var target = new PtzPosition(
                    position?.Child("PanTilt")?.AttributeDouble("x"),
                    position?.Child("PanTilt")?.AttributeDouble("y"),
                    position?.Child("Zoom")?.AttributeDouble("x"));
                _ptz.MoveTo(target, _options.TimeProvider.GetUtcNow());
                Volatile.Write(ref _lastAbsoluteMove, target);
                return Replay("ptz", name);
            case "GetStatus":
                return _options.SupportsPtzStatus ? Ok(Status()) : NotSupported(name);
            default:
                return Replay("ptz", name);
        }
    }

    private SoapReply? UnknownProfile(XElement operation)
    {
        string? profile = operation.ChildText("ProfileToken");
        return profile is null || _profileTokens.Contains(profile)
            ? null
            : Fault(400, "Sender", ["InvalidArgVal", "NoProfile"], $"The requested profile token '{profile}' does not exist.");
    }

    private SoapReply Replay(string service, string name)
    {
        string? file = new[] { $"{service}.{name}.xml", $"{name}.xml" }.FirstOrDefault(RecordedResponses.Exists);
        return file is null ? NotSupported(name) : Ok(Render(file));
    }

    private string SystemDateAndTime()
    {
        XDocument document = Recorded("GetSystemDateAndTime.xml");
        XElement utc = document.Root!.Descendant("UTCDateTime")!;
        DateTime now = CameraNow.UtcDateTime;
        SetValue(utc.Path("Time", "Hour")!, now.Hour);
        SetValue(utc.Path("Time", "Minute")!, now.Minute);
        SetValue(utc.Path("Time", "Second")!, now.Second);
        SetValue(utc.Path("Date", "Year")!, now.Year);
        SetValue(utc.Path("Date", "Month")!, now.Month);
        SetValue(utc.Path("Date", "Day")!, now.Day);
        return Serialize(document);

        static void SetValue(XElement element, int value) => element.Value = value.ToString(CultureInfo.InvariantCulture);
    }

    private string Services()
    {
        XDocument document = Recorded("GetServices.xml");
        XElement response = document.Root!.Descendant("GetServicesResponse")!;
        if (!_options.HasPtz)
        {
            response.Children("Service").Where(s => s.ChildText("Namespace") == OnvifNamespaces.Ptz.NamespaceName).Remove();
        }

        if (_options.HasMedia2)
        {
            XElement media = response.Children("Service").First(s => s.ChildText("Namespace") == OnvifNamespaces.Media.NamespaceName);
            var media2 = new XElement(media);
            media2.Child("Namespace")!.Value = OnvifNamespaces.Media2.NamespaceName;
            media2.Child("XAddr")!.Value = $"http://{_httpHost}/onvif/media2";
            media.AddAfterSelf(media2);
        }

        return Serialize(document);
    }

    private string Capabilities()
    {
        XDocument document = Recorded("GetCapabilities.xml");
        if (!_options.HasPtz)
        {
            document.Root!.Descendant("Capabilities")!.Children("PTZ").Remove();
        }

        return Serialize(document);
    }

    private string Profiles()
    {
        XDocument document = Recorded("GetProfiles.xml");
        if (!_options.HasPtz)
        {
            document.Root!.Descendants().Where(e => e.Name.LocalName == "PTZConfiguration").Remove();
        }

        return Serialize(document);
    }

    /// <summary>Media2 profiles built from the recorded Media1 ones: tr2:Profiles/tr2:Configurations (Media2 WSDL).</summary>
    private string Media2Profiles()
    {
        XNamespace tr2 = OnvifNamespaces.Media2;
        XNamespace tt = OnvifNamespaces.Schema;
        var response = new XElement(tr2 + "GetProfilesResponse");
        foreach (XElement profile in Recorded("GetProfiles.xml").Descendants().Where(e => e.Name.LocalName == "Profiles"))
        {
            XElement encoder = profile.Child("VideoEncoderConfiguration")!;
            var configurations = new XElement(
                tr2 + "Configurations",
                new XElement(
                    tr2 + "VideoEncoder",
                    new XAttribute("token", encoder.AttributeValue("token") ?? "main"),
                    new XElement(tt + "Name", encoder.ChildText("Name")),
                    new XElement(tt + "Encoding", encoder.ChildText("Encoding")),
                    new XElement(tt + "Resolution",
                        new XElement(tt + "Width", encoder.Child("Resolution")?.ChildText("Width")),
                        new XElement(tt + "Height", encoder.Child("Resolution")?.ChildText("Height")))));
            if (_options.HasPtz && profile.Child("PTZConfiguration") is { } ptz)
            {
                configurations.Add(new XElement(tr2 + "PTZ", new XAttribute("token", ptz.AttributeValue("token") ?? "default"),
                    new XElement(tt + "Name", ptz.ChildText("Name")), new XElement(tt + "NodeToken", ptz.ChildText("NodeToken"))));
            }

            response.Add(new XElement(tr2 + "Profiles",
                new XAttribute("token", profile.AttributeValue("token") ?? "main"),
                new XAttribute("fixed", "true"),
                new XElement(tr2 + "Name", profile.ChildText("Name")),
                configurations));
        }

        return Envelope(response);
    }

    private string MediaUriFrom(string file) =>
        TolerantXmlParser.Parse(System.Text.Encoding.UTF8.GetBytes(Render(file)), null, file).Root!.Descendant("Uri")!.Value.Trim();

    private string Presets()
    {
        XDocument document = Recorded("ptz.GetPresets.xml");
        XElement response = document.Root!.Descendant("GetPresetsResponse")!;
        XNamespace tptz = OnvifNamespaces.Ptz;
        XNamespace tt = OnvifNamespaces.Schema;
        response.RemoveNodes();
        foreach (VirtualCameraPreset preset in _presets)
        {
            var element = new XElement(tptz + "Preset", new XAttribute("token", preset.Token), new XElement(tt + "Name", preset.Name));
            if (preset.Position is { } position)
            {
                element.Add(new XElement(tt + "PTZPosition", PositionElements(position)));
            }

            response.Add(element);
        }

        return Serialize(document);
    }

    private string Status()
    {
        XDocument document = Recorded("GetStatus.xml");
        XElement status = document.Root!.Descendant("PTZStatus")!;
        (PtzPosition position, bool moving) = _ptz.Read(_options.TimeProvider.GetUtcNow());
        status.Child("Position")!.ReplaceNodes(PositionElements(position));
        string state = moving ? "MOVING" : "IDLE";
        status.Path("MoveStatus", "PanTilt")!.Value = state;
        status.Path("MoveStatus", "Zoom")!.Value = state;
        status.Child("UtcTime")!.Value = CameraNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return Serialize(document);
    }

    private static IEnumerable<XElement> PositionElements(PtzPosition position)
    {
        XNamespace tt = OnvifNamespaces.Schema;
        yield return new XElement(tt + "PanTilt",
            new XAttribute("space", "http://www.onvif.org/ver10/tptz/PanTiltSpaces/PositionGenericSpace"),
            new XAttribute("x", Format(position.Pan ?? 0)), new XAttribute("y", Format(position.Tilt ?? 0)));
        yield return new XElement(tt + "Zoom",
            new XAttribute("space", "http://www.onvif.org/ver10/tptz/ZoomSpaces/PositionGenericSpace"),
            new XAttribute("x", Format(position.Zoom ?? 0)));

        static string Format(double value) => value.ToString("0.#########", CultureInfo.InvariantCulture);
    }

    private IReadOnlyList<VirtualCameraPreset> LoadRecordedPresets() => Recorded("ptz.GetPresets.xml").Descendants()
        .Where(e => e.Name.LocalName == "Preset")
        .Select(p => new VirtualCameraPreset(p.AttributeValue("token")!, p.ChildText("Name") ?? string.Empty))
        .ToList();

    private string Render(string file) =>
        RecordedTemplate.Render(RecordedResponses.ReadText(file), _httpHost, _host, _port, CameraNow);

    private XDocument Recorded(string file) =>
        TolerantXmlParser.Parse(System.Text.Encoding.UTF8.GetBytes(Render(file)), null, file);

    private static string Serialize(XDocument document) => XmlDeclaration + document.Root!.ToString();

    private static string Envelope(XElement response) => XmlDeclaration + SoapEnvelope.Create(response).Root!.ToString();

    private static SoapReply Ok(string body) => new(200, body);

    private static SoapReply Fault(int status, string code, IReadOnlyList<string> subcodes, string reason) =>
        new(status, SoapFaultWriter.Create(code, subcodes, reason));

    private static SoapReply NotSupported(string name) =>
        Fault(500, "Receiver", ["ActionNotSupported"], $"The virtual camera does not implement {name}.");
}
