using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Edge.Contracts.Messages;
using Edge.Contracts.Topics;
using Relay.Core.Devices;
using Relay.Testing;
using static Relay.Testing.TestMessages;

namespace Relay.Web.Tests;

/// <summary>The HTTP API of a real relay host, fed by real MQTT clients acting as boxes.</summary>
public sealed class HttpApiTests : IAsyncLifetime
{
    private static readonly (DeviceId Id, string Password) s_a = (new DeviceId("mairie-centre", "accueil"), "password-of-accueil");
    private static readonly (DeviceId Id, string Password) s_b = (new DeviceId("ecole-jaures", "loge"), "password-of-loge-b");

    private RunningRelay _relay = null!;

    public async ValueTask InitializeAsync() => _relay = await RunningRelay.StartAsync([s_a, s_b]);

    public async ValueTask DisposeAsync() => await _relay.DisposeAsync();

    private async Task<JsonElement> GetJsonAsync(string path)
    {
        using var response = await _relay.Http.GetAsync(path, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    private async Task<HttpStatusCode> StatusOfAsync(string path)
    {
        using var response = await _relay.Http.GetAsync(path, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    [Fact]
    public async Task Health_ReportsBrokerStoreAndRejectionCounters()
    {
        await using var box = _relay.Device(s_a);
        await box.ConnectAndSubscribeAsync();
        await box.PublishAsync(TopicNames.Alerts(box.Site, box.Device), "{not json"u8.ToArray());
        await box.PublishEventAndAwaitReceiptAsync(Raised(box.Site, box.Device, 1, Guid.CreateVersion7()));

        var health = await GetJsonAsync("/health");

        Assert.Equal("ok", health.GetProperty("status").GetString());
        var broker = health.GetProperty("broker");
        Assert.Equal("embedded", broker.GetProperty("mode").GetString());
        Assert.Equal($"127.0.0.1:{_relay.MqttPort}", broker.GetProperty("endpoint").GetString());
        Assert.True(broker.GetProperty("client").GetProperty("connected").GetBoolean());
        Assert.Equal(2, broker.GetProperty("connectedClients").GetInt32());
        Assert.Equal(_relay.StorePath, health.GetProperty("store").GetProperty("path").GetString());
        Assert.True(health.GetProperty("store").GetProperty("isOpen").GetBoolean());
        Assert.Equal(1, health.GetProperty("ingest").GetProperty("eventsStored").GetInt64());
        Assert.Equal(1, health.GetProperty("rejected").GetProperty("malformed-json").GetInt64());
    }

    [Fact]
    public async Task Sites_ShowEachDevice_WithStateHeartbeatOutboxFaultsAndLastAlert()
    {
        await using var box = _relay.Device(s_a);
        await box.ConnectAndSubscribeAsync();
        await box.PublishStatusAsync(DeviceState.Online);
        await box.PublishHeartbeatAsync(outboxDepth: 4);
        var alertId = Guid.CreateVersion7();
        await box.PublishEventAndAwaitReceiptAsync(Raised(box.Site, box.Device, 1, alertId));

        var sites = await GetJsonAsync("/api/sites");

        Assert.Equal(2, sites.GetArrayLength());
        var b = sites[0];
        Assert.Equal("ecole-jaures", b.GetProperty("site").GetString());
        Assert.Equal("unknown", b.GetProperty("state").GetString());
        var a = sites[1];
        Assert.Equal("mairie-centre", a.GetProperty("site").GetString());
        Assert.Equal("accueil", a.GetProperty("device").GetString());
        Assert.Equal("alerting", a.GetProperty("state").GetString());
        Assert.Equal("online", a.GetProperty("connectivity").GetString());
        Assert.Equal(4, a.GetProperty("outboxDepth").GetInt32());
        Assert.True(a.TryGetProperty("lastHeartbeatAt", out _));
        Assert.Equal("camera", a.GetProperty("faults")[0].GetProperty("code").GetString());
        Assert.False(a.GetProperty("drill").GetBoolean());
        Assert.Equal("1.2.3", a.GetProperty("softwareVersion").GetString());
        Assert.Equal(alertId, a.GetProperty("lastAlert").GetProperty("alertId").GetGuid());
        Assert.Equal(1, a.GetProperty("sequence").GetProperty("highestContiguous").GetInt64());
    }

    [Fact]
    public async Task Alerts_ListNewestFirst_WithEventsInSeqOrder_AndFilterBySite()
    {
        await using var a = _relay.Device(s_a);
        await using var b = _relay.Device(s_b);
        await a.ConnectAndSubscribeAsync();
        await b.ConnectAndSubscribeAsync();
        var older = Guid.CreateVersion7();
        var newer = Guid.CreateVersion7();
        await a.PublishEventAndAwaitReceiptAsync(Raised(a.Site, a.Device, 1, older, T0));
        await a.PublishEventAndAwaitReceiptAsync(Action(a.Site, a.Device, 3, older, AlertEventKind.ActionSucceeded));
        await a.PublishEventAndAwaitReceiptAsync(Action(a.Site, a.Device, 2, older));
        await b.PublishEventAndAwaitReceiptAsync(Raised(b.Site, b.Device, 1, newer, T0.AddMinutes(3)));

        var all = await GetJsonAsync("/api/alerts");
        var onlyA = await GetJsonAsync($"/api/alerts?site={a.Site}&limit=10");
        var one = await GetJsonAsync("/api/alerts?limit=1");

        Assert.Equal([newer, older], all.EnumerateArray().Select(x => x.GetProperty("alert").GetProperty("alertId").GetGuid()));
        var events = all[1].GetProperty("events").EnumerateArray().Select(e => e.GetProperty("event").GetProperty("seq").GetInt64());
        Assert.Equal([1L, 2, 3], events);
        Assert.Equal("raised", all[1].GetProperty("events")[0].GetProperty("event").GetProperty("kind").GetString());
        Assert.Equal("open", all[1].GetProperty("alert").GetProperty("status").GetString());
        Assert.Equal(older, Assert.Single(onlyA.EnumerateArray()).GetProperty("alert").GetProperty("alertId").GetGuid());
        Assert.Equal(1, one.GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, await StatusOfAsync("/api/alerts?limit=0"));
        Assert.Equal(HttpStatusCode.BadRequest, await StatusOfAsync("/api/alerts?site=Not%20A%20Site"));
    }

    [Fact]
    public async Task Alert_ById_AndItsSnapshots_ListAndDownload()
    {
        await using var box = _relay.Device(s_a);
        await box.ConnectAndSubscribeAsync();
        var alertId = Guid.CreateVersion7();
        var jpeg = Jpeg(30_000);
        await box.PublishEventAndAwaitReceiptAsync(Raised(box.Site, box.Device, 1, alertId));
        await box.PublishEventAndAwaitReceiptAsync(Snapshot(box.Site, box.Device, 2, alertId, 1));
        await box.PublishAsync(TopicNames.Media(box.Site, box.Device, alertId, 1), jpeg);
        Assert.Single((await box.NextReceiptAsync()).Snapshots);
        var ct = TestContext.Current.CancellationToken;

        var alert = await GetJsonAsync($"/api/alerts/{alertId}");
        var snapshots = await GetJsonAsync($"/api/alerts/{alertId}/snapshots");
        using var download = await _relay.Http.GetAsync($"/api/alerts/{alertId}/snapshots/1", ct);

        Assert.Equal(alertId, alert.GetProperty("alert").GetProperty("alertId").GetGuid());
        Assert.Equal(1, alert.GetProperty("alert").GetProperty("snapshotCount").GetInt32());
        Assert.Equal(2, alert.GetProperty("events").GetArrayLength());
        var snapshot = Assert.Single(snapshots.EnumerateArray());
        Assert.Equal(1, snapshot.GetProperty("index").GetInt32());
        Assert.Equal(jpeg.Length, snapshot.GetProperty("size").GetInt32());
        Assert.Equal($"/api/alerts/{alertId}/snapshots/1", snapshot.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/jpeg", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(jpeg, await download.Content.ReadAsByteArrayAsync(ct));
    }
}

/// <summary>What the API answers for what does not exist (one relay for all cases: nothing is written).</summary>
public sealed class HttpApiNotFoundTests(SharedRelay shared) : IClassFixture<SharedRelay>
{
    [Theory]
    [InlineData("/api/alerts/0191c1d2-7e3a-7b00-8000-000000000000")]
    [InlineData("/api/alerts/0191c1d2-7e3a-7b00-8000-000000000000/snapshots")]
    [InlineData("/api/alerts/0191c1d2-7e3a-7b00-8000-000000000000/snapshots/1")]
    [InlineData("/api/alerts/not-a-guid")]
    [InlineData("/api/nothing-here")]
    public async Task Unknown_IsNotFound(string path) => Assert.Equal(HttpStatusCode.NotFound, await shared.Relay.Admin.StatusOfGetAsync(path));
}
