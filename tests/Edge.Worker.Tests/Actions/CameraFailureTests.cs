using Edge.Contracts.Messages;
using Edge.Core.Alerts;
using Edge.Worker.Tests.Actions.Support;
using Edge.Worker.Tests.Hosting;
using Hardware.Onvif.Simulator;

namespace Edge.Worker.Tests.Actions;

/// <summary>A camera that is off, hung, or refuses us: the siren and the alert never wait for it, and the failure says why.</summary>
public sealed class CameraFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CameraDown_IsAFailedAction_AndTheSirenDidNotWaitForIt()
    {
        using var site = new TestSite();
        site.AddSecret("camera-hall", "9999");
        site.Write(Cameras.Hall(Cameras.Nowhere()), agression: "camera: { camera: hall-ptz, preset: Accueil, snapshots: 3, timeoutSeconds: 10 }");
        await using var edge = await site.StartAsync();

        var alert = await edge.RaiseAsync("comptoir");
        var outcome = await edge.OutcomeAsync(alert, "camera");

        Assert.Equal(AlertEventKind.ActionFailed, outcome.Kind);
        Assert.Contains("Cannot reach the camera at http://127.0.0.1:", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains("connection refused", outcome.Detail, StringComparison.Ordinal);
        AssertSirenWasFirst(edge, alert);
        Assert.Equal(AlertState.Active, alert.State);
    }

    [Fact]
    public async Task CameraThatNeverAnswers_TimesOutTwice_WhileTheSirenSounds()
    {
        using var hung = new SilentCamera();
        using var site = new TestSite();
        site.AddSecret("camera-hall", "9999");
        site.Write(Cameras.Hall(hung.Url), agression: "camera: { camera: hall-ptz, snapshots: 1, settleMs: 0, timeoutSeconds: 1 }");
        await using var edge = await site.StartAsync();

        var alert = await edge.RaiseAsync("comptoir");
        var outcome = await edge.OutcomeAsync(alert, "camera");

        Assert.Equal(AlertEventKind.ActionFailed, outcome.Kind);
        Assert.Equal("timed out after 1 s (2 attempts)", outcome.Detail);
        Assert.True(hung.Connections >= 2, $"the second attempt should connect again ({hung.Connections} connection(s))");
        var siren = AssertSirenWasFirst(edge, alert);
        Assert.True(outcome.At - siren.At >= TimeSpan.FromSeconds(2), "the siren was on two attempts of one second each before the camera gave up");
    }

    [Fact]
    public async Task WrongPassword_FailsWithTheCamerasReason_AndIsNotTriedAgain()
    {
        await using var camera = await VirtualCamera.StartAsync(cancellationToken: Ct);
        using var site = new TestSite();
        site.AddSecret("camera-hall", "not-the-password");
        site.Write(Cameras.Hall(camera.DeviceServiceUri), agression: "camera: { camera: hall-ptz, preset: P001, snapshots: 3, timeoutSeconds: 10 }");
        await using var edge = await site.StartAsync();

        var alert = await edge.RaiseAsync("comptoir");
        var outcome = await edge.OutcomeAsync(alert, "camera");

        Assert.Equal(AlertEventKind.ActionFailed, outcome.Kind);
        Assert.Contains("refused user 'admin'", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains("wrong user name or password", outcome.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-password", outcome.Detail, StringComparison.Ordinal);
        // One connection attempt: knocking again with a wrong password can lock the account.
        Assert.Equal(1, camera.ReceivedOperations.Count(o => o == "GetServices"));
        Assert.Equal(0, camera.GotoPresetCount);
        AssertSirenWasFirst(edge, alert);
    }

    [Fact]
    public async Task MissingPasswordSecret_FailsSayingWhereItWasLookedFor()
    {
        await using var camera = await VirtualCamera.StartAsync(cancellationToken: Ct);
        using var site = new TestSite();
        site.Write(Cameras.Hall(camera.DeviceServiceUri, passwordSecret: "camera-jamais-posee"), agression: "camera: { camera: hall-ptz, snapshots: 1 }");
        await using var edge = await site.StartAsync();

        var alert = await edge.RaiseAsync("comptoir");
        var outcome = await edge.OutcomeAsync(alert, "camera");

        Assert.Equal(AlertEventKind.ActionFailed, outcome.Kind);
        Assert.Contains("secret 'camera-jamais-posee') is not provisioned", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains("EDGE_SECRET_CAMERA_JAMAIS_POSEE", outcome.Detail, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(site.SecretsDirectory, "camera-jamais-posee"), outcome.Detail, StringComparison.Ordinal);
        Assert.Empty(camera.ReceivedOperations);
    }

    /// <summary>The siren's event is stored before anything the camera did (its start aside) and right after the alert.</summary>
    private static AlertEvent AssertSirenWasFirst(RunningEdge edge, ActiveAlert alert)
    {
        var raised = alert.Events.Single(e => e.Kind == AlertEventKind.Raised);
        var siren = alert.Events.Single(e => e.Action == "siren");
        Assert.Equal(AlertEventKind.ActionSucceeded, siren.Kind);
        Assert.True(edge.Hardware.Outputs["sirene"].IsOn);
        Assert.All(alert.Events.Where(e => e.Action == "camera" && e.Kind != AlertEventKind.ActionStarted),
            e => Assert.True(e.Seq > siren.Seq, $"camera event {e.Kind} (seq {e.Seq}) before the siren (seq {siren.Seq})"));
        // Only the camera's start may slip in between, as it is scheduled the same instant.
        Assert.InRange(siren.Seq - raised.Seq, 1, 2);
        return siren;
    }
}
