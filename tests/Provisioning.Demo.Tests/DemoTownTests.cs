using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Provisioning.Demo.Tests;

/// <summary>The README's run command, end to end over HTTP: a press at the box shows up at the relay, camera included.</summary>
public sealed class DemoTownTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);

    private static DemoOptions FreePorts => new() { DashboardPort = 0, MqttPort = 0, MqttTlsPort = 0, BoxApiPort = 0, CameraPort = 0, PhonePort = 0 };

    [Fact]
    public async Task PressAtTheBox_ReachesTheRelay_WithItsSnapshots()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var town = await DemoTown.StartAsync(FreePorts, ct);
        using var box = new HttpClient { BaseAddress = town.BoxApiUri };
        using var relay = await SignInAsync(town);

        (await box.PostAsync("/virtual/buttons/comptoir/press?holdMs=200", null, ct)).EnsureSuccessStatusCode();

        var alerts = await PollAsync(relay, "/api/alerts", alerts => alerts.GetArrayLength() > 0 && Kinds(alerts[0]).Count(k => k == "snapshot-taken") == 3, ct);
        var first = alerts[0];
        var id = first.GetProperty("alert").GetProperty("alertId").GetString();
        Assert.Equal(town.Site, first.GetProperty("alert").GetProperty("site").GetString());
        var kinds = Kinds(first);
        Assert.Contains("raised", kinds);
        Assert.Contains("action-succeeded", kinds);

        using var snapshot = await relay.GetAsync($"/api/alerts/{id}/snapshots/1", ct);
        Assert.Equal(HttpStatusCode.OK, snapshot.StatusCode);
        var jpeg = await snapshot.Content.ReadAsByteArrayAsync(ct);
        Assert.Equal([0xFF, 0xD8], jpeg[..2]);
        Assert.Equal(1, town.Camera.GotoPresetCount);
    }

    [Fact]
    public async Task PressAtTheBox_CallsThePolice_WhoAcknowledgeByPressingOne()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var town = await DemoTown.StartAsync(FreePorts, ct);
        using var box = new HttpClient { BaseAddress = town.BoxApiUri };
        using var relay = await SignInAsync(town);

        (await box.PostAsync("/virtual/buttons/comptoir/press?holdMs=200", null, ct)).EnsureSuccessStatusCode();

        var alerts = await PollAsync(relay, "/api/alerts", a => a.GetArrayLength() > 0 && Kinds(a[0]).Contains("acknowledged"), ct);
        var acknowledged = alerts[0].GetProperty("events").EnumerateArray().Select(e => e.GetProperty("event"))
            .First(e => e.GetProperty("kind").GetString() == "acknowledged");
        Assert.StartsWith("Police municipale", acknowledged.GetProperty("data").GetProperty("by").GetString(), StringComparison.Ordinal);
        var call = await town.Phones!.Line.WaitForCallAsync("police", ct);
        Assert.Equal(['1'], call.DigitsSent);
        Assert.True(call.RtpPacketsReceived > 0, "the police heard nothing");
    }

    /// <summary>The same path with a real SIP peer instead of our own simulator: a sipp callee that answers and sends
    /// RFC 4733 DTMF 1. The acknowledgement shows as an event of the alert at the relay.</summary>
    [Fact]
    [Trait("peer", "sipp")]
    public async Task PressAtTheBox_CallsASippCallee_WhoseDigitAcknowledgesTheAlertAtTheRelay()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var callee = await Hardware.Sip.Tests.Peers.SippPeer.StartUasAsync("uas_dtmf.xml");
        await using var town = await DemoTown.StartAsync(FreePorts with { ExternalPhonePort = callee.Port }, ct);
        using var box = new HttpClient { BaseAddress = town.BoxApiUri };
        using var relay = await SignInAsync(town);

        (await box.PostAsync("/virtual/buttons/comptoir/press?holdMs=200", null, ct)).EnsureSuccessStatusCode();

        var alerts = await PollAsync(relay, "/api/alerts", a => a.GetArrayLength() > 0 && Kinds(a[0]).Contains("acknowledged"), ct);
        var events = alerts[0].GetProperty("events").EnumerateArray().Select(e => e.GetProperty("event")).ToList();
        var acknowledged = events.First(e => e.GetProperty("kind").GetString() == "acknowledged");
        Assert.StartsWith("Police municipale", acknowledged.GetProperty("data").GetProperty("by").GetString(), StringComparison.Ordinal);
        Assert.Contains(events, e => e.GetProperty("kind").GetString() == "action-progress" && e.GetProperty("action").GetString() == "call" &&
            e.GetProperty("data").TryGetProperty("digit", out var digit) && digit.GetString() == "1");
    }

    private static List<string?> Kinds(JsonElement alert) =>
        [.. alert.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("event").GetProperty("kind").GetString())];

    private static async Task<HttpClient> SignInAsync(DemoTown town)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = town.DashboardUri };
        var session = await client.GetFromJsonAsync<JsonElement>("/api/session", TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", session.GetProperty("antiforgeryToken").GetString());
        using var login = await client.PostAsJsonAsync("/api/session/login", new { user = DemoTown.AdminUser, password = town.AdminPassword }, TestContext.Current.CancellationToken);
        login.EnsureSuccessStatusCode();
        var signedIn = await login.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", signedIn.GetProperty("antiforgeryToken").GetString());
        return client;
    }

    /// <summary>Reads an API until it shows what is expected (bounded): the relay has no push channel for HTTP clients but its SSE stream, which this test does not need.</summary>
    private static async Task<JsonElement> PollAsync(HttpClient client, string path, Func<JsonElement, bool> done, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(s_wait);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        JsonElement last = default;
        do
        {
            last = await client.GetFromJsonAsync<JsonElement>(path, cts.Token);
            if (done(last))
            {
                return last;
            }
        }
        while (await poll.WaitForNextTickAsync(cts.Token));
        throw new TimeoutException(last.ToString());
    }
}
