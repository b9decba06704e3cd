using Hardware.Onvif.Device;

namespace Hardware.Onvif.Tests.Device;

public sealed class ServiceAddressRewriterTests
{
    private static readonly Uri s_reached = new("http://127.0.0.1:18080/onvif/device_service");

    private static ServiceAddressRewriter Create(string reportedDevice) =>
        new(s_reached, new ReportedServices(new Uri(reportedDevice), null, null, null, null, null));

    [Fact]
    public void AddressOnTheCamerasOwnAuthority_MovesToTheSchemeHostAndPortWeReach()
    {
        Uri rewritten = Create("http://192.168.1.64/onvif/device_service").Rewrite(new Uri("http://192.168.1.64/onvif-cgi/jpg/image.cgi?a=1&b=2"))!;

        Assert.Equal("http://127.0.0.1:18080/onvif-cgi/jpg/image.cgi?a=1&b=2", rewritten.ToString());
    }

    [Fact]
    public void RtspOrAnotherPort_KeepsItsSchemeAndPort_AndGetsOurHost()
    {
        ServiceAddressRewriter rewriter = Create("http://192.168.1.64/onvif/device_service");

        Assert.Equal("rtsp://127.0.0.1:554/main", rewriter.Rewrite(new Uri("rtsp://192.168.1.64:554/main"))!.ToString());
        Assert.Equal("http://127.0.0.1:8081/snap.jpg", rewriter.Rewrite(new Uri("http://192.168.1.64:8081/snap.jpg"))!.ToString());
    }

    [Fact]
    public void AddressAlreadyOnOurHost_IsKept()
    {
        var same = new Uri("http://127.0.0.1:18080/onvif/ptz");

        Assert.Same(same, Create("http://127.0.0.1:18080/onvif/device_service").Rewrite(same));
    }

    [Fact]
    public void Disabled_KeepsWhatTheCameraReports()
    {
        var rewriter = new ServiceAddressRewriter(s_reached, new ReportedServices(new Uri("http://10.0.0.9/onvif/device_service"), null, null, null, null, null))
        {
            Enabled = false,
        };

        Assert.Equal("http://10.0.0.9/onvif/ptz", rewriter.Rewrite(new Uri("http://10.0.0.9/onvif/ptz"))!.ToString());
    }
}
