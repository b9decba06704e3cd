using System.Net;
using System.Net.Sockets;
using System.Text;
using Hardware.Onvif.Discovery;
using Hardware.Onvif.Simulator;

namespace Hardware.Onvif.Tests.Discovery;

/// <summary>WS-Discovery, sent unicast to loopback only: never a real multicast probe.</summary>
public sealed class DiscoveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Probe_SentToTheVirtualCamera_FindsItOnce()
    {
        await using VirtualCamera camera = await VirtualCamera.StartAsync(cancellationToken: Ct);
        var discovery = new OnvifDiscovery();

        IReadOnlyList<DiscoveredCamera> found = await discovery.ProbeAsync(new OnvifDiscoveryOptions
        {
            Destination = camera.DiscoveryEndpoint!,
            LocalAddress = IPAddress.Loopback,
            Duration = TimeSpan.FromSeconds(1),
            ProbeCount = 2,
            ProbeInterval = TimeSpan.FromMilliseconds(100),
        }, Ct);

        // Two probes, each answered twice by the camera: four datagrams, one camera.
        Assert.Equal(2, camera.DiscoveryProbesAnswered);
        DiscoveredCamera only = Assert.Single(found);
        Assert.Equal([camera.DeviceServiceUri], only.XAddrs);
        Assert.Equal("uuid:c9790c3a-701b-464d-a189-0060351c8ada", only.EndpointReference);
        Assert.Equal(("PREDATOR", "HD_PREDATOR"), (only.Name, only.Hardware));
        Assert.Contains("tds:Device", only.Types);
        Assert.Equal(IPAddress.Loopback, only.RespondedFrom.Address);
        Assert.NotEqual(camera.DiscoveryEndpoint!.Port, only.RespondedFrom.Port);
    }

    [Fact]
    public async Task Probe_IgnoresGarbageAndOtherProbesAnswers_AndDedupesByEndpointReference()
    {
        using var responder = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        Task answering = AnswerOneProbeAsync(responder);
        var discovery = new OnvifDiscovery();

        IReadOnlyList<DiscoveredCamera> found = await discovery.ProbeAsync(new OnvifDiscoveryOptions
        {
            Destination = (IPEndPoint)responder.Client.LocalEndPoint!,
            LocalAddress = IPAddress.Loopback,
            Duration = TimeSpan.FromMilliseconds(800),
            ProbeCount = 1,
        }, Ct);
        await answering;

        Assert.Equal(["uuid:camera-a", "uuid:camera-b"], found.Select(c => c.EndpointReference));
        Assert.Equal("http://127.0.0.1:8001/onvif/device_service", found[0].XAddrs.Single().ToString());
        Assert.Equal(("Accueil mairie", "Hall/RDC"), (found[1].Name, found[1].Location));
    }

    /// <summary>Answers like a crowded network: garbage, a stale answer, duplicates from two source ports.</summary>
    private static async Task AnswerOneProbeAsync(UdpClient responder)
    {
        UdpReceiveResult probe = await responder.ReceiveAsync(Ct);
        string messageId = DiscoveryMessages.ReadProbeMessageId(probe.Buffer)!;
        string template = RecordedResponses.ReadText("Probe.xml");

        byte[] Match(string relatesTo, string reference, string xaddr, string scopes = "onvif://www.onvif.org/name/PREDATOR") =>
            Encoding.UTF8.GetBytes(template.Replace("RELATES_TO", relatesTo, StringComparison.Ordinal)
                .Replace("uuid:c9790c3a-701b-464d-a189-0060351c8ada", reference, StringComparison.Ordinal)
                .Replace("SERVICE_URI", xaddr, StringComparison.Ordinal)
                .Replace(template[template.IndexOf("onvif://www.onvif.org/Profile", StringComparison.Ordinal)..template.IndexOf("</wsdd:Scopes>", StringComparison.Ordinal)], scopes, StringComparison.Ordinal));

        using var otherPort = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await responder.SendAsync("lollipop"u8.ToArray(), probe.RemoteEndPoint, Ct);
        await responder.SendAsync(Match("urn:uuid:someone-elses-probe", "uuid:camera-x", "http://127.0.0.1:8009/onvif/device_service"), probe.RemoteEndPoint, Ct);
        await responder.SendAsync(Match(messageId, "uuid:camera-a", "http://127.0.0.1:8001/onvif/device_service"), probe.RemoteEndPoint, Ct);
        await otherPort.SendAsync(Match(messageId, "uuid:camera-a", "http://127.0.0.1:8001/onvif/device_service"), probe.RemoteEndPoint, Ct);
        await otherPort.SendAsync(
            Match(messageId, "uuid:camera-b", "http://127.0.0.1:8002/onvif/device_service", "onvif://www.onvif.org/name/Accueil%20mairie onvif://www.onvif.org/location/Hall/RDC"),
            probe.RemoteEndPoint, Ct);
    }
}
