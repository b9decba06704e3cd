using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Xml.Linq;
using Hardware.Onvif.Device;
using Hardware.Onvif.Errors;
using Hardware.Onvif.Security;
using Hardware.Onvif.Simulator;
using Hardware.Onvif.Soap;
using Microsoft.Extensions.Time.Testing;

namespace Hardware.Onvif.Tests.Soap;

/// <summary>The client against an in-memory camera: deterministic time and nonces, and the answers real cameras give.</summary>
public sealed class SoapClientTests
{
    private static readonly Uri s_device = new("http://127.0.0.1:1/onvif/device_service");
    private static readonly DateTimeOffset s_ourNow = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset s_cameraNow = new(2029, 3, 2, 11, 30, 15, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Connect_StampsEveryWsSecurityHeaderWithTheCameraClock()
    {
        byte[] nonce = Enumerable.Repeat((byte)7, 16).ToArray();
        var handler = new RecordingHandler((_, body) => InMemoryCamera(body));
        using var http = new HttpClient(handler);
        using var client = new OnvifClient(http, timeProvider: new FakeTimeProvider(s_ourNow), randomBytes: () => nonce);

        OnvifCamera camera = await client.ConnectAsync(s_device, TestCredentials.Good, Ct);

        Assert.Equal(s_cameraNow - s_ourNow, camera.ClockOffset);
        string getDeviceInformation = handler.Bodies.Single(b => b.Contains("GetDeviceInformation", StringComparison.Ordinal));
        XElement token = XDocument.Parse(getDeviceInformation).Descendants(OnvifNamespaces.WsSecurity + "UsernameToken").Single();
        Assert.Equal("2029-03-02T11:30:15.000Z", token.Element(OnvifNamespaces.WsUtility + "Created")!.Value);
        Assert.Equal(Convert.ToBase64String(nonce), token.Element(OnvifNamespaces.WsSecurity + "Nonce")!.Value);
        Assert.Equal(UsernameToken.ComputePasswordDigest(nonce, "2029-03-02T11:30:15.000Z", TestCredentials.Password),
            token.Element(OnvifNamespaces.WsSecurity + "Password")!.Value);

        // GetSystemDateAndTime went first, and without credentials (PRE_AUTH).
        Assert.Contains("GetSystemDateAndTime", handler.Bodies[0], StringComparison.Ordinal);
        Assert.DoesNotContain("UsernameToken", handler.Bodies[0], StringComparison.Ordinal);
        Assert.All(handler.Bodies.Skip(1), b => Assert.Contains("UsernameToken", b, StringComparison.Ordinal));
        Assert.DoesNotContain(handler.Bodies, b => b.Contains(TestCredentials.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connect_WhenGetSystemDateAndTimeWantsCredentials_RetriesWithWsSecurity()
    {
        var handler = new RecordingHandler((_, body) => body.Contains("GetSystemDateAndTime", StringComparison.Ordinal) && !body.Contains("UsernameToken", StringComparison.Ordinal)
            ? Soap(HttpStatusCode.BadRequest, SoapFaultWriter.Create("Sender", ["NotAuthorized"], "Sender not Authorized"))
            : InMemoryCamera(body));
        using var http = new HttpClient(handler);
        using var client = new OnvifClient(http, timeProvider: new FakeTimeProvider(s_ourNow));

        OnvifCamera camera = await client.ConnectAsync(s_device, TestCredentials.Good, Ct);

        Assert.Equal(s_cameraNow - s_ourNow, camera.ClockOffset);
        Assert.Contains("UsernameToken", handler.Bodies[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusedTokenWithAClockFarOff_SaysTheOffsetWasApplied()
    {
        var handler = new RecordingHandler((_, body) => body.Contains("GetDeviceInformation", StringComparison.Ordinal)
            ? Soap(HttpStatusCode.BadRequest, SoapFaultWriter.Create("Sender", ["NotAuthorized"], "Sender not Authorized"))
            : InMemoryCamera(body));
        using var http = new HttpClient(handler);
        using var client = new OnvifClient(http, timeProvider: new FakeTimeProvider(s_ourNow));

        OnvifAuthenticationException error = await Assert.ThrowsAsync<OnvifAuthenticationException>(() => client.ConnectAsync(s_device, TestCredentials.Good, Ct));

        Assert.Contains("wrong user name or password", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 years 1 day ahead of ours", error.Message, StringComparison.Ordinal);
        Assert.Equal(s_cameraNow - s_ourNow, error.ClockOffset);
    }

    [Theory]
    [InlineData(HttpStatusCode.OK, "<html><body>Camera login</body></html>", typeof(OnvifProtocolException), "not a SOAP envelope")]
    [InlineData(HttpStatusCode.OK, "", typeof(OnvifProtocolException), "empty")]
    [InlineData(HttpStatusCode.NotFound, "<html>Not Found</html>", typeof(OnvifHttpException), "no ONVIF service at this URL")]
    [InlineData(HttpStatusCode.InternalServerError, "oops", typeof(OnvifHttpException), "HTTP 500")]
    public async Task UnusableAnswers_AreTypedAndSayWhere(HttpStatusCode status, string body, Type expected, string words)
    {
        using var http = new HttpClient(new RecordingHandler((_, _) => new HttpResponseMessage(status) { Content = new StringContent(body) }));
        SoapClient soap = InternalClients.CreateSoapClient(http, TestCredentials.Good, clockOffset: TimeSpan.Zero);

        var error = (OnvifException)await Assert.ThrowsAnyAsync<OnvifException>(
            () => soap.InvokeAsync(s_device, DeviceMessages.GetDeviceInformation(), authenticate: true, Ct));

        Assert.IsType(expected, error);
        Assert.Contains(words, error.Message, StringComparison.Ordinal);
        Assert.Contains(s_device.ToString(), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReceiverFault_IsAnOnvifFaultExceptionWithCodeSubcodesAndReason()
    {
        using var http = new HttpClient(new RecordingHandler((_, _) =>
            Soap(HttpStatusCode.InternalServerError, SoapFaultWriter.Create("Receiver", ["ActionNotSupported"], "Not implemented"))));
        SoapClient soap = InternalClients.CreateSoapClient(http, TestCredentials.Good, clockOffset: TimeSpan.Zero);

        OnvifFaultException fault = await Assert.ThrowsAsync<OnvifFaultException>(
            () => soap.InvokeAsync(s_device, DeviceMessages.GetServices(), authenticate: true, Ct));

        Assert.Equal(("Receiver", "Not implemented", "GetServices"), (fault.Code, fault.Reason, fault.Operation));
        Assert.Equal(["ActionNotSupported"], fault.Subcodes);
        Assert.Contains("does not implement this operation", fault.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACameraThatAcceptsButNeverAnswers_TimesOutWithTheUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/onvif/device_service");
        using var http = new HttpClient(new LoopbackOnlyHandler());
        using var client = new OnvifClient(http, new OnvifClientOptions { RequestTimeout = TimeSpan.FromMilliseconds(300) });

        OnvifTimeoutException error = await Assert.ThrowsAsync<OnvifTimeoutException>(() => client.ConnectAsync(address, TestCredentials.Good, Ct));

        Assert.Contains(address.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal("GetSystemDateAndTime", error.Operation);
    }

    [Fact]
    public async Task CancellingTheCallersToken_IsACancellationNotATimeout()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var address = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/onvif/device_service");
        using var http = new HttpClient(new LoopbackOnlyHandler());
        using var client = new OnvifClient(http, new OnvifClientOptions { RequestTimeout = TimeSpan.FromSeconds(30) });
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ConnectAsync(address, TestCredentials.Good, cancel.Token));
    }

    /// <summary>A camera answering from the recorded files, with its clock at <see cref="s_cameraNow"/>.</summary>
    private static HttpResponseMessage InMemoryCamera(string requestBody)
    {
        XElement operation = XDocument.Parse(requestBody).Root!.Elements().Last().Elements().First();
        string file = operation.Name.LocalName switch
        {
            "GetServices" => "GetServices.xml",
            "GetDeviceInformation" => "GetDeviceInformation.xml",
            "GetProfiles" => "GetProfiles.xml",
            "GetSystemDateAndTime" => "GetSystemDateAndTime.xml",
            string other => throw new InvalidOperationException(other),
        };
        string text = RecordedTemplate.Render(RecordedResponses.ReadText(file), "127.0.0.1:1", "127.0.0.1", 1, s_cameraNow)
            .Replace("<tt:Year>2014</tt:Year>", "<tt:Year>2029</tt:Year>", StringComparison.Ordinal)
            .Replace("<tt:Month>12</tt:Month>", "<tt:Month>3</tt:Month>", StringComparison.Ordinal)
            .Replace("<tt:Day>24</tt:Day>", "<tt:Day>2</tt:Day>", StringComparison.Ordinal)
            .Replace("<tt:Hour>19</tt:Hour>", "<tt:Hour>11</tt:Hour>", StringComparison.Ordinal)
            .Replace("<tt:Minute>14</tt:Minute>", "<tt:Minute>30</tt:Minute>", StringComparison.Ordinal)
            .Replace("<tt:Second>37</tt:Second>", "<tt:Second>15</tt:Second>", StringComparison.Ordinal);
        return Soap(HttpStatusCode.OK, text);
    }

    private static HttpResponseMessage Soap(HttpStatusCode status, string text) =>
        new(status) { Content = new StringContent(text, Encoding.UTF8, "application/soap+xml") };
}
