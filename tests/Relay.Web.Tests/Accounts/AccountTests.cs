using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Relay.Testing;
using Relay.Web.Admin;

namespace Relay.Web.Tests.Accounts;

/// <summary>Sign-in, roles, sessions and account management, against the real host.</summary>
public sealed class AccountTests(SharedRelay shared) : IClassFixture<SharedRelay>
{
    private const string OperatorPassword = "operator-password-1";

    private readonly RunningRelay _relay = shared.Relay;

    [Theory]
    [InlineData("/api/sites")]
    [InlineData("/api/alerts")]
    [InlineData("/api/audit")]
    [InlineData("/api/users")]
    [InlineData("/api/stream")]
    [InlineData("/api/nothing-here")]
    public async Task Api_WithoutASession_Is401(string path)
    {
        using var anonymous = await _relay.AnonymousAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, await anonymous.StatusOfGetAsync(path));
    }

    [Fact]
    public async Task DashboardPage_WithoutASession_RedirectsToLogin_WhileHealthAndLoginStayOpen()
    {
        using var anonymous = await _relay.AnonymousAsync();

        using var page = await anonymous.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await anonymous.StatusOfGetAsync("/login"));
        Assert.Equal(HttpStatusCode.OK, await anonymous.StatusOfGetAsync("/health"));
        Assert.Equal(HttpStatusCode.OK, await anonymous.StatusOfGetAsync("/assets/js/app.js"));
        Assert.Equal(HttpStatusCode.OK, await _relay.Admin.StatusOfGetAsync("/"));
    }

    [Fact]
    public async Task SessionCookie_IsHttpOnlyAndSameSiteStrict()
    {
        using var client = await _relay.AnonymousAsync();

        using var response = await client.LoginAsync(RunningRelay.AdminUser, RunningRelay.AdminPassword);

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("relay.session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Login_WrongPasswordAndUnknownUser_AreRefusedAlike_AndAudited()
    {
        var known = shared.UniqueName("known");
        var nobody = shared.UniqueName("nobody");
        (await _relay.CreateUserAsync(known, "operator", OperatorPassword)).Dispose();
        using var client = await _relay.AnonymousAsync();

        var (wrongPassword, wrongBody) = await client.PostForStatusAsync("/api/session/login", new { user = known, password = "not-the-password" });
        var (unknownUser, unknownBody) = await client.PostForStatusAsync("/api/session/login", new { user = nobody, password = "not-the-password" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownUser);
        Assert.Equal(Code(wrongBody), Code(unknownBody));
        Assert.Equal("wrong-credentials", Code(wrongBody));
        Assert.Equal(HttpStatusCode.Unauthorized, await client.StatusOfGetAsync("/api/sites"));
        var failures = (await _relay.Admin.GetJsonAsync("/api/audit?action=login-failed")).EnumerateArray()
            .Where(e => e.GetProperty("actor").GetString() is { } actor && (actor == known || actor == nobody)).ToList();
        Assert.Equal([nobody, known], failures.Select(e => e.GetProperty("actor").GetString()));
        Assert.All(failures, e => Assert.Equal("127.0.0.1", e.GetProperty("remoteAddress").GetString()));
        Assert.All(failures, e => Assert.DoesNotContain("not-the-password", e.GetRawText(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Login_AfterTooManyWrongPasswords_IsLockedOut_EvenWithTheRightOne()
    {
        var agent = shared.UniqueName("agent");
        (await _relay.CreateUserAsync(agent, "operator", OperatorPassword)).Dispose();
        using var client = await _relay.AnonymousAsync();
        for (var i = 0; i < 3; i++)
        {
            await client.PostForStatusAsync("/api/session/login", new { user = agent, password = "wrong-password-" + i });
        }

        var (status, body) = await client.PostForStatusAsync("/api/session/login", new { user = agent, password = OperatorPassword });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("locked-out", Code(body));
    }

    [Fact]
    public async Task Login_WithoutTheAntiforgeryToken_IsRefused()
    {
        using var raw = new HttpClient { BaseAddress = _relay.Address };
        using var response = await raw.PostAsync("/api/session/login",
            new StringContent($$"""{"user":"{{RunningRelay.AdminUser}}","password":"{{RunningRelay.AdminPassword}}"}""", System.Text.Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Antiforgery", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StateChangingCall_WithASessionButWithoutTheToken_IsRefused()
    {
        using var admin = await _relay.SignInAsync(RunningRelay.AdminUser, RunningRelay.AdminPassword);
        admin.Http.DefaultRequestHeaders.Remove(RelayClient.TokenHeader);

        var (status, _) = await admin.PostForStatusAsync("/api/users", new { name = "sneaky", role = "administrator", password = "sneaky-password-1" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.DoesNotContain("sneaky", (await _relay.Admin.GetJsonAsync("/api/users")).GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Operator_CannotManageAccounts_403_AndTheAttemptIsAudited()
    {
        var name = shared.UniqueName("agent");
        using var agent = await _relay.CreateUserAsync(name, "operator", OperatorPassword);

        Assert.Equal(HttpStatusCode.Forbidden, await agent.StatusOfGetAsync("/api/users"));
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostForStatusAsync("/api/users", new { name = "mallory", role = "administrator", password = "mallory-password" })).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostForStatusAsync($"/api/users/{RunningRelay.AdminUser}/disable")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostForStatusAsync($"/api/users/{RunningRelay.AdminUser}/reset-password", new { password = "taken-over-password" })).Status);

        Assert.Equal(HttpStatusCode.OK, await agent.StatusOfGetAsync("/api/sites"));
        Assert.Equal(HttpStatusCode.OK, await agent.StatusOfGetAsync("/api/audit"));
        var denied = await agent.GetJsonAsync($"/api/audit?action=access-denied&actor={name}");
        Assert.Equal(4, denied.GetArrayLength());
        Assert.Contains(denied.EnumerateArray(), e => e.GetProperty("detail").GetString() == "GET /api/users");
    }

    [Fact]
    public async Task Administrator_CreatesDisablesEnablesAndResetsAccounts_AndDisablingEndsOpenSessions()
    {
        var name = shared.UniqueName("agent");
        using var agent = await _relay.CreateUserAsync(name, "operator", OperatorPassword);
        Assert.Equal(HttpStatusCode.OK, await agent.StatusOfGetAsync("/api/sites"));

        await _relay.Admin.PostJsonAsync($"/api/users/{name}/disable");
        Assert.Equal(HttpStatusCode.Unauthorized, await agent.StatusOfGetAsync("/api/sites"));
        using var again = await _relay.AnonymousAsync();
        var (refused, body) = await again.PostForStatusAsync("/api/session/login", new { user = name, password = OperatorPassword });
        Assert.Equal(HttpStatusCode.Unauthorized, refused);
        Assert.Equal("disabled", Code(body));

        await _relay.Admin.PostJsonAsync($"/api/users/{name}/enable");
        await _relay.Admin.PostJsonAsync($"/api/users/{name}/reset-password", new { password = "a-brand-new-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.LoginAsync(name, OperatorPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.LoginAsync(name, "a-brand-new-password")).StatusCode);

        var users = await _relay.Admin.GetJsonAsync("/api/users");
        Assert.Contains(name, users.EnumerateArray().Select(u => u.GetProperty("name").GetString()));
        Assert.DoesNotContain("pbkdf2", users.GetRawText(), StringComparison.Ordinal);
        var actions = (await _relay.Admin.GetJsonAsync($"/api/audit?target=user:{name}")).EnumerateArray().Select(e => e.GetProperty("action").GetString()).Reverse().ToList();
        Assert.Equal(["user-create", "login", "user-disable", "login-failed", "user-enable", "user-reset-password", "login-failed", "login"], actions);
    }

    [Fact]
    public async Task Administrator_CannotDisableThemselves_NorCreateWeakOrDuplicateAccounts()
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await _relay.Admin.PostForStatusAsync($"/api/users/{RunningRelay.AdminUser}/disable")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _relay.Admin.PostForStatusAsync("/api/users", new { name = "shorty", password = "short" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _relay.Admin.PostForStatusAsync("/api/users", new { name = "Not Valid", password = "long-enough-password" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await _relay.Admin.PostForStatusAsync("/api/users", new { name = RunningRelay.AdminUser, password = "long-enough-password" })).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await _relay.Admin.PostForStatusAsync("/api/users", new { name = "system", password = "long-enough-password" })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _relay.Admin.PostForStatusAsync("/api/users/ghost/disable")).Status);
    }

    [Fact]
    public async Task Logout_EndsTheSession_AndIsAudited()
    {
        var name = shared.UniqueName("agent");
        using var agent = await _relay.CreateUserAsync(name, "operator", OperatorPassword);

        Assert.Equal(HttpStatusCode.NoContent, (await agent.PostForStatusAsync("/api/session/logout")).Status);

        Assert.Equal(HttpStatusCode.Unauthorized, await agent.StatusOfGetAsync("/api/sites"));
        Assert.Single((await _relay.Admin.GetJsonAsync($"/api/audit?action=logout&actor={name}")).EnumerateArray());
    }

    private static string? Code(string problemJson) => JsonDocument.Parse(problemJson).RootElement.GetProperty("code").GetString();
}

/// <summary>Sessions on the relay's own clock: a FakeTimeProvider moves it, nothing sleeps.</summary>
public sealed class SessionExpiryTests
{
    [Fact]
    public async Task Session_ExpiresAfterTheTimeoutWithoutRequests_AndSlidesWithThem()
    {
        // Timeout 60 min. A request past half-life renews the session: at +40 (renewed to +100) and at +90 (renewed
        // to +150, which without sliding would already be expired); at +151, after 61 idle minutes, it is over.
        var clock = new FakeTimeProvider(TestMessages.T0);
        await using var relay = await RunningRelay.StartAsync([], null, clock, "--Relay:Auth:SessionTimeout=01:00:00");
        var admin = relay.Admin;

        clock.Advance(TimeSpan.FromMinutes(40));
        Assert.Equal(HttpStatusCode.OK, await admin.StatusOfGetAsync("/api/sites"));
        clock.Advance(TimeSpan.FromMinutes(50));
        Assert.Equal(HttpStatusCode.OK, await admin.StatusOfGetAsync("/api/sites"));
        clock.Advance(TimeSpan.FromMinutes(61));

        Assert.Equal(HttpStatusCode.Unauthorized, await admin.StatusOfGetAsync("/api/sites"));
        var session = await admin.GetJsonAsync("/api/session");
        Assert.False(session.GetProperty("authenticated").GetBoolean());
    }
}

/// <summary>The <c>users</c> admin commands: the documented way to create the first administrator.</summary>
public sealed class UserAdminCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private async Task<(int Code, string Output, string Error)> RunAsync(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await RelayAdmin.RunAsync(["users", .. args, "--store", _directory.File("relay.db")], new StringReader(input), output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task UsersAdd_CreatesAnAdministrator_WhoSignsInToTheRelay_AndIsAudited()
    {
        var (code, output, _) = await RunAsync("chief-password-123\n", "add", "chief", "--role", "administrator", "--password-stdin");
        var (listCode, list, _) = await RunAsync("", "list");

        Assert.Equal(0, code);
        Assert.DoesNotContain("chief-password-123", output, StringComparison.Ordinal);
        Assert.Equal(0, listCode);
        Assert.Contains("chief\trole=administrator\tenabled", list, StringComparison.Ordinal);

        await using var relay = await RunningRelay.StartAsync([], _directory.File("relay.db"));
        using var chief = await relay.SignInAsync("chief", "chief-password-123");
        Assert.Equal(HttpStatusCode.OK, await chief.StatusOfGetAsync("/api/users"));
        var created = (await chief.GetJsonAsync("/api/audit?target=user:chief")).EnumerateArray().Last();
        Assert.Equal("user-create", created.GetProperty("action").GetString());
        Assert.StartsWith("cli:", created.GetProperty("actor").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UsersAdd_WithoutPasswordStdin_PrintsAGeneratedPasswordOnce_AndRefusesDuplicatesAndWeakPasswords()
    {
        var (code, output, _) = await RunAsync("", "add", "agent");
        var duplicate = await RunAsync("", "add", "agent");
        var weak = await RunAsync("short\n", "add", "other", "--password-stdin");
        var badRole = await RunAsync("", "add", "other", "--role", "king");

        Assert.Equal(0, code);
        Assert.True(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1].Length >= 32);
        Assert.Equal(1, duplicate.Code);
        Assert.Equal(2, weak.Code);
        Assert.Equal(2, badRole.Code);
    }
}
