using System.Net;
using System.Text.Json;
using Relay.Core.Devices;
using Relay.Testing;
using static Relay.Testing.TestMessages;

namespace Relay.Web.Tests.Audit;

/// <summary>Every action leaves an audit entry (who, what, when, from where, on what), and the log cannot be changed
/// through the API.</summary>
public sealed class AuditLogTests : IAsyncLifetime
{
    private static readonly (DeviceId Id, string Password) s_box = (new DeviceId("mairie-centre", "accueil"), "password-of-accueil");

    private RunningRelay _relay = null!;

    public async ValueTask InitializeAsync() => _relay = await RunningRelay.StartAsync([s_box]);

    public async ValueTask DisposeAsync() => await _relay.DisposeAsync();

    [Fact]
    public async Task EveryAction_IsAudited_WithWhoWhatWhenWhereAndTarget()
    {
        await using var box = _relay.Device(s_box);
        await box.ConnectAndSubscribeAsync();
        var alertId = Guid.CreateVersion7();
        await box.PublishEventAndAwaitReceiptAsync(Raised(box.Site, box.Device, 1, alertId));
        using var anonymous = await _relay.AnonymousAsync();
        anonymous.Http.DefaultRequestHeaders.UserAgent.ParseAdd("AuditTest/1.0");

        await anonymous.PostForStatusAsync("/api/session/login", new { user = "agent", password = "not-yet-created" });
        await _relay.Admin.PostForStatusAsync("/api/users", new { name = "agent", role = "operator", password = "operator-password-1" });
        await anonymous.LoginAsync("agent", "operator-password-1");
        await anonymous.PostJsonAsync($"/api/alerts/{alertId}/acknowledge");
        await anonymous.PostJsonAsync($"/api/alerts/{alertId}/silence-siren");
        await anonymous.PostJsonAsync($"/api/alerts/{alertId}/close", new { comment = "fin" });
        await anonymous.PostJsonAsync("/api/sites/mairie-centre/drill/start");
        await anonymous.PostJsonAsync("/api/sites/mairie-centre/drill/stop");
        await anonymous.GetAsync("/api/users");
        await _relay.Admin.PostJsonAsync("/api/users/agent/reset-password", new { password = "operator-password-2" });
        await _relay.Admin.PostJsonAsync("/api/users/agent/disable");
        await _relay.Admin.PostJsonAsync("/api/users/agent/enable");
        await _relay.Admin.PostForStatusAsync("/api/session/logout");

        using var reader = await _relay.SignInAsync(RunningRelay.AdminUser, RunningRelay.AdminPassword);
        var log = (await reader.GetJsonAsync("/api/audit?limit=100")).EnumerateArray().Reverse().ToList();
        var byAgent = log.Where(e => e.GetProperty("actor").GetString() == "agent").ToList();
        Assert.Equal(["login-failed", "login", "acknowledge", "silence-siren", "close", "drill-start", "drill-stop", "access-denied"],
            byAgent.Select(e => e.GetProperty("action").GetString()));
        Assert.All(byAgent, e =>
        {
            Assert.Equal("127.0.0.1", e.GetProperty("remoteAddress").GetString());
            Assert.Equal("AuditTest/1.0", e.GetProperty("userAgent").GetString());
            Assert.True(e.GetProperty("at").GetDateTimeOffset() > T0);
        });
        Assert.Equal($"alert:{alertId}", byAgent[2].GetProperty("target").GetString());
        Assert.Single(byAgent[2].GetProperty("commandIds").EnumerateArray());
        Assert.Equal("fin", byAgent[4].GetProperty("detail").GetString());
        Assert.Equal("site:mairie-centre", byAgent[5].GetProperty("target").GetString());
        var byAdmin = log.Where(e => e.GetProperty("actor").GetString() == RunningRelay.AdminUser).Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["login", "user-create", "user-reset-password", "user-disable", "user-enable", "logout", "login"], byAdmin);
        Assert.Equal("user-create", log[0].GetProperty("action").GetString());
        Assert.Equal("system", log[0].GetProperty("actor").GetString());
        Assert.True((await reader.GetJsonAsync("/api/audit/integrity")).GetProperty("intact").GetBoolean());
    }
}

/// <summary>No request changes the log (one relay for every case).</summary>
public sealed class AuditLogImmutabilityTests(SharedRelay shared) : IClassFixture<SharedRelay>
{
    private readonly RunningRelay _relay = shared.Relay;

    [Theory]
    [InlineData("PUT", "/api/audit")]
    [InlineData("PATCH", "/api/audit")]
    [InlineData("DELETE", "/api/audit")]
    [InlineData("POST", "/api/audit")]
    [InlineData("PUT", "/api/audit/1")]
    [InlineData("PATCH", "/api/audit/1")]
    [InlineData("DELETE", "/api/audit/1")]
    [InlineData("POST", "/api/audit/integrity")]
    public async Task AuditLog_CannotBeEditedOrDeleted_ThroughTheApi(string method, string path)
    {
        var before = (await _relay.Admin.GetJsonAsync("/api/audit")).GetRawText();

        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("""{"actor":"nobody","action":"login"}""", System.Text.Encoding.UTF8, "application/json") };
        using var response = await _relay.Http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.True(response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound, $"{method} {path}: {response.StatusCode}");
        var after = await _relay.Admin.GetJsonAsync("/api/audit");
        Assert.Equal(JsonDocument.Parse(before).RootElement.GetArrayLength(), after.GetArrayLength());
    }

    [Fact]
    public async Task OpenApi_DescribesOnlyReadsOfTheAuditLog()
    {
        using var anonymous = await _relay.AnonymousAsync();
        var document = await anonymous.GetJsonAsync("/openapi/v1.json");

        var auditPaths = document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/audit", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(auditPaths);
        Assert.All(auditPaths, p => Assert.Equal(["get"], p.Value.EnumerateObject().Select(o => o.Name).Where(n => n != "parameters")));
    }
}
