using Edge.Contracts.Messages;
using Edge.Core.Alerts;
using Edge.Worker.Tests.Actions.Sip;
using Edge.Worker.Tests.Actions.Support;

namespace Edge.Worker.Tests.Actions;

/// <summary>The whole box on the virtual board calling real SIPp callees on 127.0.0.1: who is rung, who takes the alert.</summary>
public sealed class CallActionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Press_RingsThePolice_WhoAcknowledgesWithDigit1_AndTheAlertIsAcknowledgedByThem()
    {
        await using var police = await SippCallee.AcknowledgingAsync();
        using var site = new TestSite();
        site.AddMessage();
        site.Write(Phones.Section("127.0.0.1", [("police", "Police municipale", police.Uri("police"))]), agression: Phones.Call("police"));
        await using var edge = await site.StartAsync();

        var alert = await edge.RaiseAsync("comptoir");
        var outcome = await edge.OutcomeAsync(alert, "call");

        Assert.Equal(AlertEventKind.ActionSucceeded, outcome.Kind);
        Assert.Equal("acknowledged by Police municipale on attempt 1", outcome.Detail);
        Assert.Equal(AlertState.Acknowledged, alert.State);
        Assert.Equal("Police municipale (phone)", alert.AcknowledgedBy);
        var acknowledged = alert.Events.Single(e => e.Kind == AlertEventKind.Acknowledged);
        Assert.Equal("Police municipale (phone)", acknowledged.Data!["by"]);
        Assert.Equal("police", acknowledged.Data["contact"]);
        Assert.Equal("1", acknowledged.Data["digit"]);
        Assert.True(acknowledged.Seq < outcome.Seq);

        Assert.Equal(
            [
                $"calling Police municipale ({police.Uri("police")}) attempt 1/1",
                "Police municipale: ringing",
                "Police municipale: answered",
                "Police municipale: acknowledged (pressed 1)",
            ],
            alert.Progress("call").Select(e => e.Detail));
        var last = alert.Progress("call")[^1];
        Assert.Equal("acknowledged", last.Data!["outcome"]);
        Assert.Equal("200", last.Data["status"]);
        Assert.Equal(police.Uri("police"), last.Data["uri"]);

        var raised = alert.Events.Single(e => e.Kind == AlertEventKind.Raised);
        var calling = alert.Progress("call")[0];
        // "Within a second or two" of the press, with some room for a loaded test machine.
        Assert.True(calling.At - raised.At < TimeSpan.FromSeconds(3), $"the call started {calling.At - raised.At} after the press");
        Assert.False(edge.Hardware.Outputs["sirene"].IsOn); // acknowledged: the siren stops, as configured
        Assert.Equal(0, await police.WaitForExitAsync()); // SIPp got our ACK and our BYE after the digit
    }

    [Fact]
    public async Task FirstContactBusy_TheNextOneIsCalled_AndAcknowledges()
    {
        await using var police = await SippCallee.BusyAsync();
        await using var astreinte = await SippCallee.AcknowledgingAsync();
        using var site = new TestSite();
        site.AddMessage();
        site.Write(
            Phones.Section("127.0.0.1", [("police", "Police municipale", police.Uri("police")), ("astreinte", "Astreinte du DGS", astreinte.Uri("astreinte"))]),
            agression: Phones.Call("police, astreinte"));
        await using var edge = await site.StartAsync();

        var alert = await edge.RaiseAsync("comptoir");
        var outcome = await edge.OutcomeAsync(alert, "call");

        Assert.Equal("acknowledged by Astreinte du DGS on attempt 2", outcome.Detail);
        Assert.Equal("Astreinte du DGS (phone)", alert.AcknowledgedBy);
        var outcomes = alert.Progress("call").Select(e => (e.Data!["contact"], e.Data["outcome"])).ToList();
        Assert.Equal(
            [("police", "calling"), ("police", "busy"), ("astreinte", "calling"), ("astreinte", "ringing"), ("astreinte", "answered"), ("astreinte", "acknowledged")],
            outcomes);
        var busy = alert.Progress("call")[1];
        Assert.Equal("Police municipale: busy (486 Busy Here)", busy.Detail);
        Assert.Equal("486", busy.Data!["status"]);
        Assert.Equal(0, await police.WaitForExitAsync());
        Assert.Equal(0, await astreinte.WaitForExitAsync());
    }

    [Fact]
    public async Task NobodyAcknowledges_TheActionFailsAfterEveryRoundOfCalls()
    {
        await using var police = await SippCallee.BusyAsync(calls: 2);
        await using var astreinte = await SippCallee.RingingAsync(calls: 2);
        using var site = new TestSite();
        site.AddMessage();
        site.Write(
            Phones.Section("127.0.0.1", [("police", "Police municipale", police.Uri("police")), ("astreinte", "Astreinte du DGS", astreinte.Uri("astreinte"))]),
            agression: Phones.Call("police, astreinte", attempts: 1, rounds: 2, ringSeconds: 8));
        await using var edge = await site.StartAsync();

        var alert = await edge.RaiseAsync("comptoir");
        var outcome = await edge.OutcomeAsync(alert, "call");

        Assert.Equal(AlertEventKind.ActionFailed, outcome.Kind);
        Assert.Equal("nobody acknowledged after 4 calls", outcome.Detail);
        Assert.Equal(AlertState.Active, alert.State);
        var ends = alert.Progress("call").Where(e => e.Data!["outcome"] is not ("calling" or "ringing")).ToList();
        Assert.Equal(["busy", "no-answer", "busy", "no-answer"], ends.Select(e => e.Data!["outcome"]));
        Assert.Equal(["1", "1", "2", "2"], ends.Select(e => e.Data!["round"]));
        Assert.Equal("Astreinte du DGS: no answer within 8 s", ends[1].Detail);
        Assert.Equal($"calling Astreinte du DGS ({astreinte.Uri("astreinte")}) attempt 1/1, round 2/2", alert.Progress("call").Last(e => e.Data!["outcome"] == "calling").Detail);
        Assert.Equal(0, await police.WaitForExitAsync());
        Assert.Equal(0, await astreinte.WaitForExitAsync()); // both rings ended with our CANCEL
    }

    [Fact]
    public async Task CrisisCellAcknowledgesWhileItRings_TheCallIsCancelled_AndNobodyElseIsCalled()
    {
        await using var police = await SippCallee.RingingAsync();
        await using var astreinte = await SippCallee.AcknowledgingAsync();
        using var site = new TestSite();
        site.AddMessage();
        site.Write(
            Phones.Section("127.0.0.1", [("police", "Police municipale", police.Uri("police")), ("astreinte", "Astreinte du DGS", astreinte.Uri("astreinte"))]),
            agression: Phones.Call("police, astreinte", ringSeconds: 60));
        await using var edge = await site.StartAsync();

        var alert = await edge.RaiseAsync("comptoir");
        await edge.EventAsync(alert, "call", e => e.Detail == "Police municipale: ringing");
        await edge.Engine.AcknowledgeAsync(alert.Id, "cellule de crise", Guid.NewGuid(), Ct);
        var outcome = await edge.OutcomeAsync(alert, "call");

        Assert.Equal(AlertEventKind.ActionSucceeded, outcome.Kind);
        Assert.Equal("stopped after 1 call: alert acknowledged by cellule de crise", outcome.Detail);
        Assert.Equal("cellule de crise", alert.AcknowledgedBy);
        var cancelled = alert.Progress("call")[^1];
        Assert.Equal("Police municipale: call cancelled, alert acknowledged by cellule de crise", cancelled.Detail);
        Assert.Equal("cancelled", cancelled.Data!["outcome"]);
        Assert.DoesNotContain(alert.Progress("call"), e => e.Data!["contact"] == "astreinte");
        Assert.Equal(0, await police.WaitForExitAsync()); // CANCEL, then ACK of the 487, as scripted
        Assert.Contains("CANCEL sip:police@127.0.0.1", police.Messages, StringComparison.Ordinal);
    }
}
