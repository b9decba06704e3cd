using System.Net;
using System.Text.Json;
using Edge.Contracts.Messages;
using Relay.Core.Devices;
using Relay.Testing;
using static Relay.Testing.TestMessages;

namespace Relay.Web.Tests.Commands;

/// <summary>Acknowledge, silence, close and drills: recorded at the relay, sent to the real box (an MQTT client), and
/// the box's answers moving each command's state.</summary>
public sealed class CrisisCellActionTests : IAsyncLifetime
{
    private static readonly (DeviceId Id, string Password) s_a = (new DeviceId("mairie-centre", "accueil"), "password-of-accueil");
    private static readonly (DeviceId Id, string Password) s_b = (new DeviceId("mairie-centre", "etage"), "password-of-etage-1");

    private RunningRelay _relay = null!;

    public async ValueTask InitializeAsync() => _relay = await RunningRelay.StartAsync([s_a, s_b]);

    public async ValueTask DisposeAsync() => await _relay.DisposeAsync();

    [Fact]
    public async Task Acknowledge_ByAnOperator_IsRecorded_ReachesTheBox_AndTheBoxAnswerMarksItApplied()
    {
        await using var box = _relay.Device(s_a);
        await box.ConnectAndSubscribeAsync();
        var alertId = Guid.CreateVersion7();
        await box.PublishEventAndAwaitReceiptAsync(Raised(box.Site, box.Device, 1, alertId));
        using var agent = await _relay.CreateUserAsync("agent", "operator", "operator-password-1");

        var response = await agent.PostJsonAsync($"/api/alerts/{alertId}/acknowledge", new { comment = "police en route" });

        var sent = response.GetProperty("commands")[0];
        Assert.Equal("acknowledge", sent.GetProperty("kind").GetString());
        Assert.Equal("pending", sent.GetProperty("status").GetString());
        Assert.Equal(1, sent.GetProperty("publishCount").GetInt32());
        Assert.Equal("agent", response.GetProperty("alert").GetProperty("acknowledgedBy").GetString());
        Assert.Equal("agent", response.GetProperty("entry").GetProperty("actor").GetString());
        var command = await box.NextCommandAsync();
        Assert.Equal(CommandKind.Acknowledge, command.Kind);
        Assert.Equal(alertId, command.AlertId);
        Assert.Equal("agent", command.IssuedBy);
        Assert.Equal("police en route", command.Comment);
        Assert.Equal(sent.GetProperty("commandId").GetGuid(), command.CommandId);

        await box.PublishEventAndAwaitReceiptAsync(Answer(box, 2, alertId, AlertEventKind.Acknowledged, command));

        var state = await agent.GetJsonAsync($"/api/commands/{command.CommandId}");
        Assert.Equal("applied", state.GetProperty("status").GetString());
        var action = Assert.Single((await agent.GetJsonAsync($"/api/alerts/{alertId}/actions")).EnumerateArray());
        Assert.Equal("acknowledge", action.GetProperty("entry").GetProperty("action").GetString());
        Assert.Equal("police en route", action.GetProperty("entry").GetProperty("detail").GetString());
        Assert.Equal("applied", action.GetProperty("commands")[0].GetProperty("status").GetString());
        var alert = await agent.GetJsonAsync($"/api/alerts/{alertId}");
        Assert.True(alert.GetProperty("alert").GetProperty("acknowledged").GetBoolean());
    }

    [Fact]
    public async Task SilenceSiren_RefusedByTheBox_ShowsRejectedWithTheBoxReason()
    {
        await using var box = _relay.Device(s_a);
        await box.ConnectAndSubscribeAsync();
        var alertId = Guid.CreateVersion7();
        await box.PublishEventAndAwaitReceiptAsync(Raised(box.Site, box.Device, 1, alertId));

        await _relay.Admin.PostJsonAsync($"/api/alerts/{alertId}/silence-siren");
        var command = await box.NextCommandAsync();
        Assert.Equal(CommandKind.SilenceSiren, command.Kind);
        await box.PublishEventAndAwaitReceiptAsync(CommandAnswer(box.Site, box.Device, 2, command.CommandId, applied: false));

        var state = await _relay.Admin.GetJsonAsync($"/api/commands/{command.CommandId}");
        Assert.Equal("rejected", state.GetProperty("status").GetString());
        Assert.Equal("output unknown", state.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Close_NeedsAComment_RecordsIt_SendsClear_AndOnlyOnce()
    {
        await using var box = _relay.Device(s_a);
        await box.ConnectAndSubscribeAsync();
        var alertId = Guid.CreateVersion7();
        await box.PublishEventAndAwaitReceiptAsync(Raised(box.Site, box.Device, 1, alertId));

        var (withoutComment, problem) = await _relay.Admin.PostForStatusAsync($"/api/alerts/{alertId}/close", new { comment = "  " });
        var closed = await _relay.Admin.PostJsonAsync($"/api/alerts/{alertId}/close", new { comment = "Individu parti avant l'arrivée de la police." });
        var command = await box.NextCommandAsync();
        await box.PublishEventAndAwaitReceiptAsync(Answer(box, 2, alertId, AlertEventKind.Cleared, command));
        var (again, _) = await _relay.Admin.PostForStatusAsync($"/api/alerts/{alertId}/close", new { comment = "encore" });

        Assert.Equal(HttpStatusCode.BadRequest, withoutComment);
        Assert.Contains("comment is required", problem, StringComparison.Ordinal);
        Assert.Equal("admin", closed.GetProperty("alert").GetProperty("closedBy").GetString());
        Assert.Equal(CommandKind.Clear, command.Kind);
        Assert.Equal(alertId, command.AlertId);
        var alert = (await _relay.Admin.GetJsonAsync($"/api/alerts/{alertId}")).GetProperty("alert");
        Assert.Equal("cleared", alert.GetProperty("status").GetString());
        Assert.Equal("Individu parti avant l'arrivée de la police.", alert.GetProperty("closeComment").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Equal("applied", (await _relay.Admin.GetJsonAsync($"/api/commands/{command.CommandId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Drill_StartAndStop_GoToEveryBoxOfTheSite_AndTheirAnswersAreShown()
    {
        await using var a = _relay.Device(s_a);
        await using var b = _relay.Device(s_b);
        await a.ConnectAndSubscribeAsync();
        await b.ConnectAndSubscribeAsync();

        var started = await _relay.Admin.PostJsonAsync("/api/sites/mairie-centre/drill/start", new { comment = "exercice trimestriel" });
        var toA = await a.NextCommandAsync();
        var toB = await b.NextCommandAsync();
        await a.PublishEventAndAwaitReceiptAsync(CommandAnswer(a.Site, a.Device, 1, toA.CommandId));
        await b.PublishEventAndAwaitReceiptAsync(CommandAnswer(b.Site, b.Device, 1, toB.CommandId));
        await _relay.Admin.PostJsonAsync("/api/sites/mairie-centre/drill/stop");
        var stopA = await a.NextCommandAsync();

        Assert.Equal(2, started.GetProperty("commands").GetArrayLength());
        Assert.Equal("site:mairie-centre", started.GetProperty("entry").GetProperty("target").GetString());
        Assert.Equal(CommandKind.DrillStart, toA.Kind);
        Assert.Equal(CommandKind.DrillStart, toB.Kind);
        Assert.Equal(CommandKind.DrillStop, stopA.Kind);
        var history = (await _relay.Admin.GetJsonAsync("/api/sites/mairie-centre/actions")).EnumerateArray().ToList();
        Assert.Equal(["drill-start", "drill-stop"], history.Select(h => h.GetProperty("entry").GetProperty("action").GetString()));
        Assert.All(history[0].GetProperty("commands").EnumerateArray(), c => Assert.Equal("applied", c.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Acknowledge_OfAnAlertWhoseBoxWasRemoved_IsRefused()
    {
        var removed = (new DeviceId("annexe", "old-box"), "password-of-old-box");
        await using var relay = await RunningRelay.StartAsync([removed]);
        await using var box = relay.Device(removed);
        await box.ConnectAndSubscribeAsync();
        var alertId = Guid.CreateVersion7();
        await box.PublishEventAndAwaitReceiptAsync(Raised(box.Site, box.Device, 1, alertId));
        await relay.Service<DeviceAccounts>().RemoveAsync(removed.Item1, TestContext.Current.CancellationToken);

        var (status, body) = await relay.Admin.PostForStatusAsync($"/api/alerts/{alertId}/acknowledge");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("no longer registered", body, StringComparison.Ordinal);
    }

    private static AlertEvent Answer(TestDevice box, long seq, Guid alertId, AlertEventKind kind, CommandMessage command) => new()
    {
        Site = box.Site,
        Device = box.Device,
        Seq = seq,
        AlertId = alertId,
        Kind = kind,
        At = T0.AddSeconds(seq),
        CommandId = command.CommandId,
        Data = new Dictionary<string, string> { ["by"] = command.IssuedBy },
        Detail = $"{kind} by {command.IssuedBy}",
    };
}

/// <summary>Refusals write nothing, so one relay serves every case.</summary>
public sealed class CommandRefusalTests(SharedRelay shared) : IClassFixture<SharedRelay>
{
    private readonly RunningRelay _relay = shared.Relay;

    [Theory]
    [InlineData("/api/sites/nowhere/drill/start", HttpStatusCode.NotFound, "No box is registered for site 'nowhere'")]
    [InlineData("/api/sites/Not%20A%20Site/drill/stop", HttpStatusCode.BadRequest, "is not a site identifier")]
    [InlineData("/api/alerts/0191c1d2-7e3a-7b00-8000-000000000000/acknowledge", HttpStatusCode.NotFound, "No alert 0191c1d2-7e3a-7b00-8000-000000000000")]
    [InlineData("/api/alerts/0191c1d2-7e3a-7b00-8000-000000000000/silence-siren", HttpStatusCode.NotFound, "No alert")]
    [InlineData("/api/commands/0191c1d2-7e3a-7b00-8000-000000000000", HttpStatusCode.NotFound, "No command")]
    public async Task Commands_ForAnUnknownSiteAlertOrCommand_AreRefusedWithAClearMessage(string path, HttpStatusCode expected, string message)
    {
        HttpStatusCode status;
        string body;
        if (path.StartsWith("/api/commands", StringComparison.Ordinal))
        {
            using var response = await _relay.Admin.GetAsync(path);
            (status, body) = (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }
        else
        {
            (status, body) = await _relay.Admin.PostForStatusAsync(path);
        }

        Assert.Equal(expected, status);
        Assert.Contains(message, JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await _relay.Admin.GetJsonAsync("/api/audit?action=drill-start")).EnumerateArray());
    }
}
