using System.Net;
using Relay.Testing;

namespace Relay.Web.Tests.Api;

public sealed class OpenApiTests(SharedRelay shared) : IClassFixture<SharedRelay>
{
    [Fact]
    public async Task OpenApiDocument_IsServed_AndDescribesEveryEndpoint()
    {
        using var anonymous = await shared.Relay.AnonymousAsync();

        var document = await anonymous.GetJsonAsync("/openapi/v1.json");

        Assert.Equal("Relay HTTP API", document.GetProperty("info").GetProperty("title").GetString());
        var paths = document.GetProperty("paths");
        string[] expected =
        [
            "/health", "/api/session", "/api/session/login", "/api/session/logout", "/api/sites", "/api/alerts", "/api/alerts/{alertId}",
            "/api/alerts/{alertId}/snapshots", "/api/alerts/{alertId}/snapshots/{index}", "/api/alerts/{alertId}/acknowledge",
            "/api/alerts/{alertId}/silence-siren", "/api/alerts/{alertId}/close", "/api/alerts/{alertId}/actions",
            "/api/sites/{site}/drill/start", "/api/sites/{site}/drill/stop", "/api/sites/{site}/actions", "/api/commands/{commandId}",
            "/api/audit", "/api/audit/integrity", "/api/users", "/api/users/{name}/disable", "/api/users/{name}/enable",
            "/api/users/{name}/reset-password", "/api/stream", "/api/enroll", "/api/enroll/ca", "/api/devices",
            "/api/devices/enrolment-codes", "/api/devices/{site}/{device}/revoke",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), paths.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        foreach (var path in paths.EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name != "parameters"))
            {
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.GetProperty("summary").GetString()), $"{operation.Name} {path.Name} has no summary");
                Assert.True(operation.Value.GetProperty("responses").TryGetProperty("200", out _) || operation.Value.GetProperty("responses").TryGetProperty("201", out _) ||
                    operation.Value.GetProperty("responses").TryGetProperty("204", out _), $"{operation.Name} {path.Name} documents no success response");
            }
        }

        var acknowledge = paths.GetProperty("/api/alerts/{alertId}/acknowledge").GetProperty("post").GetProperty("responses");
        Assert.True(acknowledge.TryGetProperty("404", out _));
        Assert.True(document.GetProperty("components").GetProperty("schemas").TryGetProperty("ActionResponse", out _));
        Assert.Equal(HttpStatusCode.OK, await anonymous.StatusOfGetAsync("/openapi/v1.json"));
    }
}
