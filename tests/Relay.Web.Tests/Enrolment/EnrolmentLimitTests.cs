using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Relay.Testing;

namespace Relay.Web.Tests.Enrolment;

/// <summary>Codes that expire on the relay's clock, and the rate limit on guessing.</summary>
public sealed class EnrolmentLimitTests
{
    [Fact]
    public async Task ExpiredCode_IsGone()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var relay = await RunningRelay.StartAsync([], null, clock);
        var (status, body) = await relay.Admin.PostForStatusAsync("/api/devices/enrolment-codes", new { site = "mairie-centre", device = "accueil", validHours = 2 });
        Assert.Equal(HttpStatusCode.Created, status);
        var code = JsonDocument.Parse(body).RootElement.GetProperty("code").GetString();
        var (key, csr) = BoxKeys.NewRequest("mairie-centre.accueil");
        using var _ = key;
        using var anonymous = await relay.AnonymousAsync();

        clock.Advance(TimeSpan.FromHours(2));
        using var response = await anonymous.PostAsync("/api/enroll", new { code, csr });

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        Assert.Equal("code-expired", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task GuessingIsRateLimitedPerAddress_AndTheFloodIsNotAudited()
    {
        await using var relay = await RunningRelay.StartAsync([], null, (TimeProvider?)null, "--Relay:Enrolment:AttemptsPerMinute=3");
        using var anonymous = await relay.AnonymousAsync();
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 5; i++)
        {
            using var response = await anonymous.PostAsync("/api/enroll", new { code = $"AAAA-AAAA-AAAA-AAAA-AAA{i}", csr = "x" });
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(3, (await relay.Admin.GetJsonAsync("/api/audit?action=device-enrol-refused")).GetArrayLength());
    }
}
