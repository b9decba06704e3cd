using Edge.Contracts.Messages;
using Edge.Core.Alerts;
using Edge.Core.Scenarios;
using Hardware.Gpio.Buttons;

namespace Edge.Core.Tests.Scenarios;

public sealed class ScenarioEngineTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Press_RaisesAnAlert_DurableBeforeAnyActionRuns()
    {
        var eventsWhenActionRan = -1;
        await using var rig = new EngineRig();
        var action = new ScriptedAction("siren", (_, _) =>
        {
            eventsWhenActionRan = rig.Outbox.History.Count;
            return Task.FromResult(new ActionResult("on"));
        })
        { IsImmediate = true };
        await using var engine = new ScenarioEngine(rig.Site, rig.Outbox, [action], rig.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<ScenarioEngine>.Instance);

        var outcome = await engine.HandleAsync(new Trigger("comptoir", GestureDefinition.Single, rig.Time.GetTimestamp(), rig.Time.GetUtcNow()), TestContext.Current.CancellationToken);
        await engine.ActionsCompletedAsync(outcome.Alert!.Id).WaitAsync(s_wait, TestContext.Current.CancellationToken);

        Assert.Equal(TriggerResult.Raised, outcome.Result);
        Assert.Equal(1, eventsWhenActionRan);
        var raised = rig.Outbox.History[0];
        Assert.Equal(AlertEventKind.Raised, raised.Kind);
        Assert.Equal(1, raised.Seq);
        Assert.Equal("agression", raised.Scenario);
        Assert.Equal("comptoir", raised.Button);
        Assert.Equal("single", raised.Gesture);
        Assert.Equal(AlertSeverity.Critical, raised.Severity);
        Assert.Equal(rig.Time.GetUtcNow(), raised.PressedAt);
        Assert.Equal(7, raised.AlertId!.Value.Version);
        Assert.Equal([AlertEventKind.Raised, AlertEventKind.ActionSucceeded], rig.Outbox.History.Select(e => e.Kind));
    }

    [Fact]
    public async Task FailingAction_IsAnEvent_AndDoesNotStopTheOthers()
    {
        var failing = new ScriptedAction("camera", (_, _) => throw new InvalidOperationException("camera refused: wrong password"));
        var fine = ScriptedAction.Succeeding("siren");
        await using var rig = new EngineRig(failing, fine);

        var alert = (await rig.PressAsync()).Alert!;
        await rig.Engine.ActionsCompletedAsync(alert.Id).WaitAsync(s_wait, TestContext.Current.CancellationToken);

        var failed = Assert.Single(alert.Events, e => e.Kind == AlertEventKind.ActionFailed);
        Assert.Equal("camera", failed.Action);
        Assert.Contains("wrong password", failed.Detail, StringComparison.Ordinal);
        Assert.Contains(alert.Events, e => e.Kind == AlertEventKind.ActionSucceeded && e.Action == "siren");
    }

    [Fact]
    public async Task SlowAction_TimesOut_WhileTheOthersHaveLongFinished()
    {
        var slow = new ScriptedAction("call", async (_, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return new ActionResult("never");
        })
        { Policy = new ActionPolicy(TimeSpan.FromSeconds(20), 1, TimeSpan.Zero) };
        var fast = ScriptedAction.Succeeding("siren");
        await using var rig = new EngineRig(slow, fast);

        var alert = (await rig.PressAsync()).Alert!;
        await slow.Started.WaitAsync(s_wait, TestContext.Current.CancellationToken);
        await rig.WaitForAsync(() => alert.Events.Any(e => e.Action == "siren" && e.Kind == AlertEventKind.ActionSucceeded));
        Assert.DoesNotContain(alert.Events, e => e.Action == "call" && e.Kind is AlertEventKind.ActionFailed or AlertEventKind.ActionSucceeded);

        rig.Time.Advance(TimeSpan.FromSeconds(20));
        await rig.Engine.ActionsCompletedAsync(alert.Id).WaitAsync(s_wait, TestContext.Current.CancellationToken);

        var failed = Assert.Single(alert.Events, e => e.Kind == AlertEventKind.ActionFailed);
        Assert.Equal("call", failed.Action);
        Assert.Contains("timed out after 20 s", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActionIgnoringCancellation_IsAbandonedAtItsDeadline()
    {
        var never = new TaskCompletionSource<ActionResult>();
        var hung = new ScriptedAction("camera", (_, _) => never.Task) { Policy = new ActionPolicy(TimeSpan.FromSeconds(5), 1, TimeSpan.Zero) };
        await using var rig = new EngineRig(hung);

        var alert = (await rig.PressAsync()).Alert!;
        await hung.Started.WaitAsync(s_wait, TestContext.Current.CancellationToken);
        rig.Time.Advance(hung.Policy.Deadline);
        await rig.Engine.ActionsCompletedAsync(alert.Id).WaitAsync(s_wait, TestContext.Current.CancellationToken);

        Assert.Single(alert.Events, e => e.Kind == AlertEventKind.ActionFailed && e.Action == "camera");
    }

    [Fact]
    public async Task FailingAttempt_IsRetried_ByItsPolicy()
    {
        var attempts = 0;
        var flaky = new ScriptedAction("camera", (_, _) =>
            Interlocked.Increment(ref attempts) < 2 ? throw new HttpRequestException("connection refused") : Task.FromResult(new ActionResult("preset reached")))
        { Policy = new ActionPolicy(TimeSpan.FromSeconds(5), 3, TimeSpan.Zero) };
        await using var rig = new EngineRig(flaky);

        var alert = (await rig.PressAsync()).Alert!;
        await rig.Engine.ActionsCompletedAsync(alert.Id).WaitAsync(s_wait, TestContext.Current.CancellationToken);

        Assert.Equal(2, attempts);
        Assert.Single(alert.Events, e => e.Kind == AlertEventKind.ActionSucceeded && e.Detail == "preset reached");
    }

    [Fact]
    public async Task SilentScenario_NeverRunsAnAudibleAction()
    {
        var siren = new ScriptedAction("siren", (_, _) => Task.FromResult(new ActionResult("on"))) { IsAudible = true, IsImmediate = true };
        var camera = ScriptedAction.Succeeding("camera");
        await using var rig = new EngineRig(siren, camera);

        var alert = (await rig.PressAsync("pedale")).Alert!;
        await rig.Engine.ActionsCompletedAsync(alert.Id).WaitAsync(s_wait, TestContext.Current.CancellationToken);

        Assert.Equal(0, siren.Runs);
        Assert.Equal(1, camera.Runs);
        Assert.DoesNotContain(alert.Events, e => e.Action == "siren");
    }

    [Fact]
    public async Task PressedAgain_WhileTheAlertRuns_IsTheSameIncident()
    {
        await using var rig = new EngineRig();

        var first = await rig.PressAsync();
        var second = await rig.PressAsync();

        Assert.Equal(TriggerResult.Repeated, second.Result);
        Assert.Same(first.Alert, second.Alert);
        Assert.Single(rig.Outbox.History, e => e.Kind == AlertEventKind.Raised);
        Assert.Single(rig.Outbox.History, e => e.Kind == AlertEventKind.PressedAgain);
    }

    [Fact]
    public async Task CancelGesture_WithinTheWindow_MarksAFalseAlarm_AndStopsActions()
    {
        var siren = ScriptedAction.Succeeding("siren");
        await using var rig = new EngineRig(siren);
        var alert = (await rig.PressAsync()).Alert!;

        rig.Time.Advance(TimeSpan.FromSeconds(20));
        var outcome = await rig.PressAsync(gesture: GestureDefinition.Long(TimeSpan.FromSeconds(5)));

        Assert.Equal(TriggerResult.Cancelled, outcome.Result);
        Assert.Equal(AlertState.FalseAlarm, alert.State);
        Assert.Contains(AlertChange.FalseAlarm, siren.Changes);
        Assert.Single(rig.Outbox.History, e => e.Kind == AlertEventKind.FalseAlarm && e.AlertId == alert.Id);
        Assert.Single(rig.Outbox.History, e => e.Kind == AlertEventKind.Raised); // kept, never erased
    }

    [Fact]
    public async Task CancelGesture_AfterTheWindow_DoesNotCancel()
    {
        await using var rig = new EngineRig();
        var alert = (await rig.PressAsync()).Alert!;

        rig.Time.Advance(TimeSpan.FromSeconds(31));
        var outcome = await rig.PressAsync(gesture: GestureDefinition.Long(TimeSpan.FromSeconds(5)));

        Assert.Equal(TriggerResult.Ignored, outcome.Result);
        Assert.Equal(AlertState.Active, alert.State);
    }

    [Fact]
    public async Task Acknowledge_IsRecorded_WithWhoAndTheCommand_AndToldToActions()
    {
        var siren = ScriptedAction.Succeeding("siren");
        await using var rig = new EngineRig(siren);
        var alert = (await rig.PressAsync()).Alert!;
        var command = Guid.NewGuid();

        var outcome = await rig.Engine.AcknowledgeAsync(alert.Id, "cellule.crise", command, TestContext.Current.CancellationToken);
        var again = await rig.Engine.AcknowledgeAsync(alert.Id, "cellule.crise", command, TestContext.Current.CancellationToken);

        Assert.True(outcome.Applied);
        Assert.True(again.Applied);
        Assert.Equal(AlertState.Acknowledged, alert.State);
        var ack = Assert.Single(rig.Outbox.History, e => e.Kind == AlertEventKind.Acknowledged);
        Assert.Equal(command, ack.CommandId);
        Assert.Equal("cellule.crise", ack.Data!["by"]);
        Assert.Equal([AlertChange.Acknowledged], siren.Changes);
    }

    [Fact]
    public async Task CommandForAnUnknownAlert_IsRefused()
    {
        await using var rig = new EngineRig();

        var outcome = await rig.Engine.AcknowledgeAsync(Guid.NewGuid(), "x", null, TestContext.Current.CancellationToken);

        Assert.False(outcome.Applied);
        Assert.Contains("not known", outcome.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlertNobodyCloses_IsClearedByTheBox_AfterTheSiteTimeout()
    {
        await using var rig = new EngineRig();
        var alert = (await rig.PressAsync()).Alert!;

        rig.Time.Advance(TimeSpan.FromMinutes(30));
        await rig.WaitForAsync(() => alert.State == AlertState.Cleared);

        Assert.Single(rig.Outbox.History, e => e.Kind == AlertEventKind.Cleared);
    }

    [Fact]
    public async Task DrillMode_MarksEveryAlertAsADrill()
    {
        await using var rig = new EngineRig();
        await rig.Engine.SetDrillModeAsync(true, "admin", Guid.NewGuid(), TestContext.Current.CancellationToken);

        var alert = (await rig.PressAsync()).Alert!;

        Assert.True(alert.Drill);
        Assert.True(rig.Outbox.History.Single(e => e.Kind == AlertEventKind.Raised).Drill);
        Assert.Single(rig.Outbox.History, e => e.Kind == AlertEventKind.CommandApplied);
    }

    [Fact]
    public async Task GestureOfNoScenario_IsIgnored()
    {
        await using var rig = new EngineRig();

        var outcome = await rig.PressAsync("pedale", GestureDefinition.Long(TimeSpan.FromSeconds(2)));

        Assert.Equal(TriggerResult.Ignored, outcome.Result);
        Assert.Empty(rig.Outbox.History);
    }

    [Fact]
    public async Task OutboxThatThrows_DoesNotStopTheLocalScenario()
    {
        var siren = ScriptedAction.Succeeding("siren");
        await using var rig = new EngineRig(siren);
        rig.Outbox.BeforeAppend = _ => throw new IOException("disk on fire");

        var alert = (await rig.PressAsync()).Alert!;
        await rig.Engine.ActionsCompletedAsync(alert.Id).WaitAsync(s_wait, TestContext.Current.CancellationToken);

        Assert.Equal(1, siren.Runs);
        Assert.Contains(alert.Events, e => e.Kind == AlertEventKind.Raised);
    }

    [Fact]
    public async Task ActionProgressAndSnapshots_BecomeEventsOfTheAlert()
    {
        var camera = new ScriptedAction("camera", async (ctx, ct) =>
        {
            await ctx.ProgressAsync("preset comptoir reached", cancellationToken: ct);
            await ctx.AddSnapshotAsync(new byte[] { 0xFF, 0xD8, 0xFF }, DateTimeOffset.UnixEpoch, ct);
            return new ActionResult("1 snapshot");
        });
        await using var rig = new EngineRig(camera);

        var alert = (await rig.PressAsync()).Alert!;
        await rig.Engine.ActionsCompletedAsync(alert.Id).WaitAsync(s_wait, TestContext.Current.CancellationToken);

        Assert.Equal(
            [AlertEventKind.Raised, AlertEventKind.ActionStarted, AlertEventKind.ActionProgress, AlertEventKind.SnapshotTaken, AlertEventKind.ActionSucceeded],
            alert.Events.Select(e => e.Kind));
        Assert.Equal(1, alert.Events.Single(e => e.Kind == AlertEventKind.SnapshotTaken).SnapshotIndex);
        Assert.Equal(1, rig.Outbox.Health.PendingSnapshots);
        Assert.Equal(Enumerable.Range(1, 5).Select(i => (long)i), rig.Outbox.History.Select(e => e.Seq));
    }
}
