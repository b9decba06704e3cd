using Edge.Contracts.Messages;
using Edge.Core.Alerts;
using Edge.Worker.Tests.Actions.Support;

namespace Edge.Worker.Tests.Actions;

/// <summary>A SIP server that is not there or refuses us, a message that cannot be played: never a delay, never a crash.</summary>
public sealed class CallFailureTests
{
    [Fact]
    public async Task SipServerUnreachable_TheSirenAndTheAlertAreUnaffected_AndEachAttemptEndsWithinItsRingTimeout()
    {
        using var site = new TestSite();
        site.AddMessage();
        var nowhere = Phones.Nowhere("police");
        site.Write(Phones.Section("127.0.0.1", [("police", "Police municipale", nowhere)]), agression: Phones.Call("police", attempts: 2, ringSeconds: 5));
        await using var edge = await site.StartAsync();

        var alert = await edge.RaiseAsync("comptoir");
        var siren = await edge.OutcomeAsync(alert, "siren");
        var outcome = await edge.OutcomeAsync(alert, "call");

        var raised = alert.Events.Single(e => e.Kind == AlertEventKind.Raised);
        Assert.Equal(AlertEventKind.ActionSucceeded, siren.Kind);
        Assert.True(edge.Hardware.Outputs["sirene"].IsOn);
        Assert.Equal(AlertState.Active, alert.State);

        Assert.Equal(AlertEventKind.ActionFailed, outcome.Kind);
        Assert.Equal("nobody acknowledged after 2 calls", outcome.Detail);
        var progress = alert.Progress("call");
        Assert.Equal(["calling", "unreachable", "calling", "unreachable"], progress.Select(e => e.Data!["outcome"]));
        Assert.Equal($"Police municipale: unreachable: No response within 5 s (Timer B).", progress[1].Detail);

        // Not delayed: the siren was on and recorded before the first attempt to reach the server had even given up.
        Assert.True(siren.Seq < progress[1].Seq, $"siren event {siren.Seq} after the first unreachable outcome {progress[1].Seq}");
        Assert.True(raised.Seq < siren.Seq);
    }

    [Fact]
    public async Task UnplayableMessage_FailsWithTheReadersReason_AndCallsNobody()
    {
        using var site = new TestSite();
        var message = site.AddMessage("messages/alerte-16k.wav", sampleRate: 16000);
        site.Write(Phones.Section("127.0.0.1", [("police", "Police municipale", Phones.Nowhere("police"))]), agression: Phones.Call("police", message: message));
        await using var edge = await site.StartAsync();

        var alert = await edge.RaiseAsync("comptoir");
        var outcome = await edge.OutcomeAsync(alert, "call");

        Assert.Equal(AlertEventKind.ActionFailed, outcome.Kind);
        Assert.Equal($"{Path.Combine(site.Directory, message)} is sampled at 16000 Hz; telephony needs 8000 Hz.", outcome.Detail);
        Assert.Empty(alert.Progress("call"));
    }

    [Fact]
    public async Task MissingSipPassword_FailsSayingWhereItWasLookedFor()
    {
        using var site = new TestSite();
        site.AddMessage();
        site.Write(
            Phones.Section("127.0.0.1", [("police", "Police municipale", Phones.Nowhere("police"))], passwordSecret: "sip-jamais-pose"),
            silencieuse: Phones.Call("police"));
        await using var edge = await site.StartAsync();

        var alert = await edge.RaiseAsync("pedale"); // the silent alarm calls too: a phone call makes no sound in the building
        var outcome = await edge.OutcomeAsync(alert, "call");

        Assert.Equal(AlertEventKind.ActionFailed, outcome.Kind);
        Assert.Contains("the SIP password of accueil-1@127.0.0.1 (secret 'sip-jamais-pose') is not provisioned", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains("EDGE_SECRET_SIP_JAMAIS_POSE", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(site.SecretsDirectory, "sip-jamais-pose"), outcome.Detail, StringComparison.Ordinal);
    }
}
