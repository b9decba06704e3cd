using System.Net;
using System.Xml.Linq;
using Hardware.Onvif.Device;
using Hardware.Onvif.Discovery;
using Hardware.Onvif.Errors;
using Hardware.Onvif.Media;
using Hardware.Onvif.Ptz;
using Hardware.Onvif.Simulator;
using Hardware.Onvif.Soap;

namespace Hardware.Onvif.Tests.Recorded;

/// <summary>Every recorded camera answer, read by the client's parser as the camera sent it (CAMERA_HOST and all).</summary>
public sealed class RecordedResponseTests
{
    /// <summary>Not well-formed as recorded (checked with a strict parser, and in protocols.md §3.8 item 9).</summary>
    private static readonly HashSet<string> s_notWellFormed =
    [
        "Error.xml", "GetCapabilitiesEncoder.xml", "GetSnapshotUri.xml", "GetVideoSourcesEncoder.xml", "PullMessages.xml",
        "device.GetDNS.xml", "device.GetNetworkDefaultGateway.xml", "device.SetDNS.xml", "device.SetNetworkDefaultGateway.xml",
        "device.SetNetworkInterfaces.xml", "imaging.GetServiceCapabilities.xml", "media.GetAudioEncoderConfigurationOptions.xml",
        "media.GetVideoEncoderConfigurationOptions.xml", "media.SetAudioEncoderConfiguration.xml",
    ];

    public static TheoryData<string> AllFiles() => new(RecordedResponses.FileNames);

    [Fact]
    public void TheCorpus_IsEmbeddedWhole()
    {
        Assert.Equal(77, RecordedResponses.FileNames.Count);
        Assert.Superset(s_notWellFormed, RecordedResponses.FileNames.ToHashSet());
    }

    /// <summary>
    /// Well-formed files parse into a SOAP envelope whose body holds the operation's answer; malformed ones
    /// parse too (repaired) or fail with an OnvifProtocolException — never any other exception.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllFiles))]
    public void Parse_GivesTheAnswerOrAClearProtocolError(string file)
    {
        byte[] bytes = RecordedResponses.ReadBytes(file);

        XElement? payload = null;
        OnvifProtocolException? error = null;
        try
        {
            payload = SoapEnvelope.GetPayload(SoapEnvelope.GetBody(TolerantXmlParser.Parse(bytes, null, file), file));
        }
        catch (OnvifProtocolException exception)
        {
            error = exception;
        }

        if (!s_notWellFormed.Contains(file))
        {
            Assert.Null(error);
        }

        if (error is not null)
        {
            Assert.StartsWith(file, error.Message, StringComparison.Ordinal);
            return;
        }

        string operation = file.Contains('.', StringComparison.Ordinal) && file.Count(c => c == '.') == 2 ? file.Split('.')[1] : file[..^4];
        string expected = file switch
        {
            "Error.xml" => "Fault",
            "Probe.xml" => "ProbeMatches",
            "GetCapabilitiesEncoder.xml" => "GetCapabilitiesResponse",
            "GetVideoSourcesEncoder.xml" => "GetVideoSourcesResponse",

            // Recorded without its SendAuxiliaryCommandResponse wrapper (devicemgmt.wsdl): the inner element alone.
            "device.SendAuxiliaryCommand.xml" => "AuxiliaryCommandResponse",
            _ => operation + "Response",
        };
        Assert.Equal(expected, payload!.Name.LocalName);
    }

    [Fact]
    public void OnlyTheUnrenderedTemplate_StaysUnreadable()
    {
        string[] unreadable = RecordedResponses.FileNames.Where(f =>
        {
            try
            {
                TolerantXmlParser.Parse(RecordedResponses.ReadBytes(f), null, f);
                return false;
            }
            catch (OnvifProtocolException)
            {
                return true;
            }
        }).ToArray();

        // PullMessages.xml holds "{{? Math.random() < 0.5 }}" as text: not XML until rendered.
        Assert.Equal(["PullMessages.xml"], unreadable);
    }

    [Fact]
    public void GetSystemDateAndTime_IsDecember2014()
    {
        Assert.Equal(new DateTimeOffset(2014, 12, 24, 19, 14, 37, TimeSpan.Zero), DeviceMessages.ParseSystemDateAndTime(Response("GetSystemDateAndTime.xml")));
    }

    [Fact]
    public void GetDeviceInformation_IsTheMockup()
    {
        Assert.Equal(new OnvifDeviceInformation("Mockup Manufacturer", "Mockup Model", "Mockup_15_14_13", "00000000", "MOCKUP"),
            DeviceMessages.ParseDeviceInformation(Response("GetDeviceInformation.xml")));
    }

    [Fact]
    public void GetServices_ListsSixServicesAndNoMedia2()
    {
        ReportedServices services = DeviceMessages.ParseServices(Response("GetServices.xml"));

        var expected = new Uri("http://camera_host/onvif/services");
        Assert.Equal(new ReportedServices(expected, expected, null, expected, expected, expected), services);
    }

    [Fact]
    public void GetCapabilities_GivesEveryXAddr()
    {
        ReportedServices services = DeviceMessages.ParseCapabilities(Response("GetCapabilities.xml"));

        var expected = new Uri("http://camera_host/onvif/services");
        Assert.Equal(new ReportedServices(expected, expected, null, expected, expected, expected), services);
    }

    [Fact]
    public void GetCapabilitiesEncoder_DeclaredUtf16_GivesItsXAddrs()
    {
        ReportedServices services = DeviceMessages.ParseCapabilities(Response("GetCapabilitiesEncoder.xml"));

        Assert.Equal(new Uri("http://camera_host/onvif/device_service"), services.Media);
        Assert.Equal(new Uri("http://camera_host/onvif/event_service"), services.Events);
    }

    [Fact]
    public void GetProfiles_IsOneH264ProfileWithPtz()
    {
        MediaProfile profile = Assert.Single(MediaMessages.ParseProfiles(Response("GetProfiles.xml")));

        Assert.Equal(new MediaProfile("main", "main", "H264", 1920, 1080, "default"), profile);
    }

    [Fact]
    public void GetSnapshotUri_WithItsUndeclaredPrefix_GivesTheUnescapedUri()
    {
        Assert.Equal("http://camera_host/onvif-cgi/jpg/image.cgi?resolution=800x600&compression=20&camera=1",
            MediaMessages.ParseMediaUri(Response("GetSnapshotUri.xml")).ToString());
    }

    [Fact]
    public void GetStreamUri_IsRtsp()
    {
        Assert.Equal("rtsp://camera_host/h264main", MediaMessages.ParseMediaUri(Response("GetStreamUri.xml")).ToString());
    }

    [Fact]
    public void GetPresets_Has46PresetsWithVendorTokens()
    {
        IReadOnlyList<PtzPreset> presets = PtzMessages.ParsePresets(Response("ptz.GetPresets.xml"));

        Assert.Equal(46, presets.Count);
        Assert.Equal(new PtzPreset("P001", "P001", null), presets[0]);
        Assert.Equal(new PtzPreset("WasherPosition", "WasherPosition", null), presets[^3]);
        Assert.Equal(2, presets.Count(p => p.Name == "Home"));
    }

    [Fact]
    public void GetStatus_IsIdleWithAPosition()
    {
        PtzStatus status = PtzMessages.ParseStatus(Response("GetStatus.xml"));

        Assert.Equal(new PtzPosition(-0.864665985, 0.267444015, 0.211861998), status.Position);
        Assert.Equal((PtzMoveStatus.Idle, PtzMoveStatus.Idle), (status.PanTilt, status.Zoom));
        Assert.Equal(new DateTimeOffset(2014, 12, 29, 20, 1, 31, TimeSpan.Zero), status.CameraTime);
    }

    [Fact]
    public void ErrorXml_IsReadAsASoapFault()
    {
        XElement body = SoapEnvelope.GetBody(TolerantXmlParser.Parse(RecordedResponses.ReadBytes("Error.xml"), null, "Error.xml"), "Error.xml");

        SoapFault fault = SoapEnvelope.FindFault(body)!;

        Assert.Equal(("fault code", "fault reason"), (fault.Code, fault.Reason));
        Assert.Equal(["fault subcode", "fault subcode"], fault.Subcodes);
    }

    [Fact]
    public void ProbeXml_IsAProbeMatch()
    {
        byte[] datagram = RecordedResponses.ReadBytes("Probe.xml");

        DiscoveredCamera camera = Assert.Single(DiscoveryMessages.ParseProbeMatches(datagram, "RELATES_TO", new IPEndPoint(IPAddress.Loopback, 3702)));

        Assert.Equal("uuid:c9790c3a-701b-464d-a189-0060351c8ada", camera.EndpointReference);
        Assert.Equal(("PREDATOR", "HD_PREDATOR", (string?)null), (camera.Name, camera.Hardware, camera.Location));
        Assert.Equal(["dn:NetworkVideoTransmitter", "tds:Device"], camera.Types);
        Assert.Empty(camera.XAddrs);
    }

    private static XElement Response(string file)
    {
        XElement body = SoapEnvelope.GetBody(TolerantXmlParser.Parse(RecordedResponses.ReadBytes(file), null, file), file);
        return SoapEnvelope.GetPayload(body)!;
    }
}
