using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Relay.Core.Certificates;
using Relay.Core.Devices;
using Relay.Testing;
using Relay.Web.Hosting;
using static Relay.Testing.TestMessages;

namespace Relay.Web.Tests.Enrolment;

/// <summary>
/// Enrolment end to end: an administrator creates a code in the dashboard's API, a box enrols over HTTPS with it
/// (pinning the CA by the fingerprint shown with the code), then connects to the broker's TLS endpoint with the
/// certificate it got and its own key, as the edge uplink does.
/// </summary>
public sealed class EnrolmentApiTests(EnrolmentRelay fixture) : IClassFixture<EnrolmentRelay>
{
    private RunningRelay Relay => fixture.Relay;

    private async Task<JsonElement> CreateCodeAsync(DeviceId device)
    {
        var (status, body) = await Relay.Admin.PostForStatusAsync("/api/devices/enrolment-codes", new { site = device.Site, device = device.Device });
        Assert.True(status == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private async Task<(HttpClient Http, X509Certificate2 Ca)> BoxHttpsAsync(string fingerprint)
    {
        var https = Relay.App.HttpsAddress()!;
        var ca = await BoxEnrolmentClient.FetchPinnedCaAsync(https, fingerprint);
        return (BoxEnrolmentClient.TrustingOnly(https, ca), ca);
    }

    [Fact]
    public async Task Box_EnrolsOverHttpsWithTheCode_ThenPublishesOverMutualTls()
    {
        var device = new DeviceId("mairie-centre", "accueil");
        var issued = await CreateCodeAsync(device);
        var (http, ca) = await BoxHttpsAsync(issued.GetProperty("caFingerprint").GetString()!);
        using var _ = http;
        var (key, csr) = BoxKeys.NewRequest(device.Username);
        using var __ = key;

        var (response, body) = await BoxEnrolmentClient.EnrolAsync(http, issued.GetProperty("code").GetString(), csr);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("mairie-centre.accueil", body.GetProperty("identity").GetString());
        Assert.Equal(ca.ExportCertificatePem().Trim(), body.GetProperty("caCertificate").GetString()!.Trim());
        var chain = body.GetProperty("certificate").GetString()!;
        Assert.Equal(2, chain.Split("-----BEGIN CERTIFICATE-----").Length - 1);
        var broker = body.GetProperty("broker");
        Assert.Equal(("localhost", Relay.MqttTlsPort, true), (broker.GetProperty("host").GetString(), broker.GetProperty("port").GetInt32(), broker.GetProperty("tls").GetBoolean()));
        using var certificate = BoxKeys.WithKey(chain, key);
        Assert.Equal("CN=mairie-centre.accueil", certificate.Subject);
        Assert.Equal(body.GetProperty("serialNumber").GetString(), SerialNumbers.Of(certificate));
        using (var trust = TrustChains.To(ca, DateTimeOffset.UtcNow, CertificateAuthority.ClientAuthenticationOid))
        {
            Assert.True(trust.Build(certificate));
        }

        await using var box = new TestDevice(device, "", broker.GetProperty("port").GetInt32(), tls: new BoxCredentials(certificate, ca));
        await box.ConnectAndSubscribeAsync();
        var receipt = await box.PublishEventAndAwaitReceiptAsync(Raised(box.Site, box.Device, 1, Guid.CreateVersion7()));
        Assert.Single(receipt.Events);

        var listed = (await Relay.Admin.GetJsonAsync("/api/devices")).EnumerateArray().Single(d => d.GetProperty("identity").GetString() == device.Username);
        Assert.False(listed.GetProperty("hasPassword").GetBoolean());
        Assert.Equal(SerialNumbers.Of(certificate), listed.GetProperty("certificate").GetProperty("serialNumber").GetString());
        var audit = (await Relay.Admin.GetJsonAsync($"/api/audit?target=device:{device.Username}")).EnumerateArray().ToList();
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "enrolment-code-create" && e.GetProperty("actor").GetString() == RunningRelay.AdminUser);
        Assert.Contains(audit, e => e.GetProperty("action").GetString() == "device-enrol" && e.GetProperty("remoteAddress").GetString() == "127.0.0.1");
        Assert.DoesNotContain(audit, e => e.ToString().Contains(issued.GetProperty("code").GetString()!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WrongReusedOrBadRequests_AreRefusedWithTheirReason_AndAudited()
    {
        var device = new DeviceId("ecole-jaures", "loge");
        var issued = await CreateCodeAsync(device);
        var code = issued.GetProperty("code").GetString()!;
        var (http, _) = await BoxHttpsAsync(issued.GetProperty("caFingerprint").GetString()!);
        using var __ = http;
        var (key, csr) = BoxKeys.NewRequest(device.Username);
        using var ___ = key;

        var badCsr = await BoxEnrolmentClient.EnrolAsync(http, code, "not a request");
        var wrong = await BoxEnrolmentClient.EnrolAsync(http, "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ", csr);
        var first = await BoxEnrolmentClient.EnrolAsync(http, code, csr);
        var reused = await BoxEnrolmentClient.EnrolAsync(http, code, csr);

        Assert.Equal((HttpStatusCode.BadRequest, "invalid-csr"), (badCsr.Response.StatusCode, badCsr.Body.GetProperty("code").GetString()));
        Assert.Equal((HttpStatusCode.Unauthorized, "unknown-code"), (wrong.Response.StatusCode, wrong.Body.GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.OK, first.Response.StatusCode);
        Assert.Equal((HttpStatusCode.Gone, "code-used"), (reused.Response.StatusCode, reused.Body.GetProperty("code").GetString()));
        Assert.Contains("single-use", reused.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var refusals = (await Relay.Admin.GetJsonAsync("/api/audit?action=device-enrol-refused")).EnumerateArray().Select(e => e.GetProperty("detail").GetString()).ToList();
        Assert.Contains("invalid-csr", refusals);
        Assert.Contains("unknown-code", refusals);
        Assert.Contains("code-used", refusals);
    }

    [Fact]
    public async Task RevokingFromTheDashboard_EndsTheBoxesSession_AndRefusesItsNextConnection()
    {
        var device = new DeviceId("mairie-centre", "etage");
        var issued = await CreateCodeAsync(device);
        var (http, ca) = await BoxHttpsAsync(issued.GetProperty("caFingerprint").GetString()!);
        using var _ = http;
        var (key, csr) = BoxKeys.NewRequest(device.Username);
        using var __ = key;
        var (_, body) = await BoxEnrolmentClient.EnrolAsync(http, issued.GetProperty("code").GetString(), csr);
        var credentials = new BoxCredentials(BoxKeys.WithKey(body.GetProperty("certificate").GetString()!, key), ca);
        await using var box = new TestDevice(device, "", Relay.MqttTlsPort, tls: credentials);
        await box.ConnectAndSubscribeAsync();
        var dropped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        box.Client.DisconnectedAsync += _ =>
        {
            dropped.TrySetResult();
            return Task.CompletedTask;
        };

        var revoked = await Relay.Admin.PostJsonAsync($"/api/devices/{device.Site}/{device.Device}/revoke", new { comment = "box stolen" });
        using (var token = Bounded.Token())
        {
            await dropped.Task.WaitAsync(token.Token);
        }

        await using var again = new TestDevice(device, "", Relay.MqttTlsPort, tls: credentials);
        Assert.Equal(body.GetProperty("serialNumber").GetString(), Assert.Single(revoked.GetProperty("revokedSerials").EnumerateArray()).GetString());
        Assert.Equal(1, revoked.GetProperty("sessionsEnded").GetInt32());
        Assert.Null(await again.TryConnectAsync());
        var audit = Assert.Single((await Relay.Admin.GetJsonAsync($"/api/audit?action=device-revoke&target=device:{device.Username}")).EnumerateArray());
        Assert.Contains("box stolen", audit.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operators_CanNeitherCreateCodesNorRevoke()
    {
        using var operatorClient = await Relay.CreateUserAsync("agent-enrol", "operator", "operator-password-1");

        var create = await operatorClient.PostForStatusAsync("/api/devices/enrolment-codes", new { site = "mairie-centre", device = "x" });
        var revoke = await operatorClient.PostForStatusAsync("/api/devices/mairie-centre/x/revoke");

        Assert.Equal(HttpStatusCode.Forbidden, create.Status);
        Assert.Equal(HttpStatusCode.Forbidden, revoke.Status);
        Assert.Equal(HttpStatusCode.Forbidden, await operatorClient.StatusOfGetAsync("/api/devices"));
    }
}
