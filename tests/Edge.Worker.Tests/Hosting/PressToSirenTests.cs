using System.Device.Gpio;
using System.Net;
using Edge.Contracts.Messages;
using Edge.Core.Alerts;
using Edge.Core.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Edge.Worker.Tests.Hosting;

/// <summary>The whole box on the virtual board: a press through the local API to the siren relay and the status page.</summary>
public sealed class PressToSirenTests
{
    // The example site: siren on BCM 23 and strobe on BCM 24, both active-low; LED on BCM 25.
    private const int SirenPin = 23;
    private const int StrobePin = 24;

    [Fact]
    public async Task ReceptionButton_SwitchesTheSirenOn_AndTheAlertShowsInStatusWithItsEvents()
    {
        await using var edge = await RunningEdge.StartAsync();
        var engine = edge.App.Services.GetRequiredService<ScenarioEngine>();
        Assert.Equal(PinValue.High, edge.Board.GetOutput(SirenPin)); // active-low relay: off at boot

        var response = await edge.PressAsync("comptoir", holdMs: 200);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await edge.WaitForAsync(() => engine.Alerts.FirstOrDefault() is { } a && a.Events.Count(e => e.Kind == AlertEventKind.ActionSucceeded) == 2);

        Assert.True(edge.Hardware.Outputs["sirene"].IsOn || edge.Hardware.Outputs["sirene"].Pattern?.Name == "pulsed");
        Assert.Equal(PinValue.Low, edge.Board.GetOutput(StrobePin)); // strobe steady on (active-low)

        var status = await edge.StatusAsync();
        var alert = status.GetProperty("alerts")[0];
        Assert.Equal("agression-accueil", alert.GetProperty("scenario").GetString());
        Assert.Equal("active", alert.GetProperty("state").GetString());
        var kinds = alert.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal("raised", kinds[0]);
        Assert.Contains("action-succeeded", kinds);
        Assert.Equal("alarm", status.GetProperty("led").GetString());
        Assert.Equal(3, status.GetProperty("outbox").GetProperty("pendingEvents").GetInt32());
        Assert.True(status.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("id").GetString() == "sirene").GetProperty("pattern").GetString() == "pulsed");
    }

    [Fact]
    public async Task SilentScenario_RaisesTheAlert_AndSoundsNothing()
    {
        var sirenWrites = 0;
        await using var edge = await RunningEdge.StartAsync();
        edge.Board.OutputWritten += (_, e) =>
        {
            if (e.Pin is SirenPin or StrobePin)
            {
                Interlocked.Increment(ref sirenWrites);
            }
        };
        var engine = edge.App.Services.GetRequiredService<ScenarioEngine>();

        await edge.PressAsync("pedale", holdMs: 200);
        await edge.WaitForAsync(() => engine.Alerts.Any());
        await engine.ActionsCompletedAsync(engine.Alerts[0].Id).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal("alarme-silencieuse", engine.Alerts[0].Scenario.Id);
        Assert.Equal(0, sirenWrites);
        Assert.Equal(PinValue.High, edge.Board.GetOutput(SirenPin));
        var status = await edge.StatusAsync();
        Assert.Equal("idle", status.GetProperty("led").GetString()); // nothing visible either
    }

    [Fact]
    public async Task CancelGesture_HeldOnTheSameButton_TurnsTheAlertIntoAFalseAlarm_AndStopsTheSiren()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var edge = await RunningEdge.StartAsync(time: time);
        var engine = edge.App.Services.GetRequiredService<ScenarioEngine>();

        await edge.PressAsync("comptoir");
        time.Advance(TimeSpan.FromMilliseconds(100));
        await edge.ReleaseAsync("comptoir");
        time.Advance(TimeSpan.FromMilliseconds(100));
        await edge.WaitForAsync(() => engine.Alerts.Count == 1 && engine.Alerts[0].Events.Any(e => e.Action == "siren"));

        await edge.PressAsync("comptoir", holdMs: 6000); // hold 5 s: the cancel gesture
        await edge.WaitForAsync(() => engine.Alerts[0].Events.Any(e => e.Kind == AlertEventKind.PressedAgain));
        time.Advance(TimeSpan.FromSeconds(5));
        await edge.WaitForAsync(() => engine.Alerts[0].State == AlertState.FalseAlarm && edge.Hardware.Outputs["sirene"].Pattern is null);

        Assert.False(edge.Hardware.Outputs["sirene"].IsOn);
        Assert.Null(edge.Hardware.Outputs["sirene"].Pattern);
        Assert.Single(engine.Alerts);
    }

    [Fact]
    public async Task Stop_SwitchesEveryOutputOff()
    {
        var edge = await RunningEdge.StartAsync();
        var engine = edge.App.Services.GetRequiredService<ScenarioEngine>();
        await edge.PressAsync("comptoir", holdMs: 100);
        await edge.WaitForAsync(() => engine.Alerts.FirstOrDefault()?.Events.Any(e => e.Action == "strobe") == true);
        Assert.Equal(PinValue.Low, edge.Board.GetOutput(StrobePin));
        var board = edge.Board;

        await edge.DisposeAsync();

        Assert.Equal(PinValue.High, board.GetOutput(SirenPin));
        Assert.Equal(PinValue.High, board.GetOutput(StrobePin));
        Assert.Equal(PinValue.Low, board.GetOutput(25));
    }

    [Fact]
    public async Task UnknownButton_Is404WithTheListOfButtons()
    {
        await using var edge = await RunningEdge.StartAsync();

        var response = await edge.PressAsync("nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("comptoir", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_IsOk_OnAFreshBox()
    {
        await using var edge = await RunningEdge.StartAsync();

        var response = await edge.Http.GetAsync("/health", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"status\":\"ok\"", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
