using Edge.Contracts.Messages;
using Edge.Core.Outbox;
using Edge.Worker.Tests.Actions.Support;
using Hardware.Onvif.Ptz;
using Hardware.Onvif.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace Edge.Worker.Tests.Actions;

/// <summary>The whole box on the virtual board, with the virtual ONVIF camera on 127.0.0.1: what a press does with the camera.</summary>
public sealed class CameraActionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Press_TurnsTheCameraToThePreset_AndPutsTheSnapshotsInTheOutbox()
    {
        await using var camera = await VirtualCamera.StartAsync(new VirtualCameraOptions
        {
            Presets = [new("1", "Entrée"), new("2", "Accueil", new PtzPosition(0.25, -0.1, 0.5))],
        }, Ct);
        using var site = new TestSite();
        site.AddSecret("camera-hall", "9999");
        site.Write(Cameras.Hall(camera.DeviceServiceUri),
            agression: "camera: { camera: hall-ptz, preset: Accueil, snapshots: 3, intervalMs: 100, settleMs: 2000, timeoutSeconds: 10 }");
        await using var edge = await site.StartAsync();

        var alert = await edge.RaiseAsync("comptoir");
        var outcome = await edge.OutcomeAsync(alert, "camera");

        Assert.Equal(AlertEventKind.ActionSucceeded, outcome.Kind);
        Assert.Equal("3 snapshots", outcome.Detail);
        Assert.Equal("2", camera.LastGotoPresetToken);
        var reached = Assert.Single(alert.Progress("camera"));
        Assert.Equal("preset Accueil reached", reached.Detail);
        Assert.Equal("hall-ptz", reached.Data!["camera"]);
        Assert.Equal("Accueil", reached.Data["preset"]);
        Assert.Equal("idle", reached.Data["settle"]);

        var taken = alert.Events.Where(e => e.Kind == AlertEventKind.SnapshotTaken).ToList();
        Assert.Equal([1, 2, 3], taken.Select(e => e.SnapshotIndex));
        Assert.All(taken, e => Assert.True(e.Seq > reached.Seq, "snapshots are taken once the camera has turned"));
        var stored = edge.App.Services.GetRequiredService<IOutbox>().ReadSnapshots(100).Where(s => s.AlertId == alert.Id).ToList();
        Assert.Equal([1, 2, 3], stored.Select(s => s.Index));
        Assert.All(stored, s => Assert.Equal(new byte[] { 0xFF, 0xD8 }, s.Jpeg[..2].ToArray()));
        Assert.Equal(3, stored.Select(s => Convert.ToBase64String(s.Jpeg.Span)).Distinct().Count());
        Assert.Equal(3, camera.SnapshotsServed);
    }

    [Fact]
    public async Task SilentAlarm_TakesSnapshots_WithoutTurningTheCamera()
    {
        await using var camera = await VirtualCamera.StartAsync(cancellationToken: Ct);
        using var site = new TestSite();
        site.AddSecret("camera-hall", "9999");
        site.Write(Cameras.Hall(camera.DeviceServiceUri),
            silencieuse: "camera: { camera: hall-ptz, snapshots: 2, intervalMs: 100, timeoutSeconds: 10 }");
        await using var edge = await site.StartAsync();

        var alert = await edge.RaiseAsync("pedale");
        var outcome = await edge.OutcomeAsync(alert, "camera");

        Assert.Equal(AlertEventKind.ActionSucceeded, outcome.Kind);
        Assert.Equal("2 snapshots", outcome.Detail);
        Assert.Equal(0, camera.GotoPresetCount);
        Assert.Empty(alert.Progress("camera"));
    }

    [Fact]
    public async Task CameraClockYearsAhead_IsNoObstacle()
    {
        // A camera whose clock was never set: WS-Security timestamps must be written on its clock, not ours.
        await using var camera = await VirtualCamera.StartAsync(new VirtualCameraOptions { ClockOffset = TimeSpan.FromDays(3 * 365) }, Ct);
        using var site = new TestSite();
        site.AddSecret("camera-hall", "9999");
        site.Write(Cameras.Hall(camera.DeviceServiceUri),
            agression: "camera: { camera: hall-ptz, preset: P002, snapshots: 1, settleMs: 1000, timeoutSeconds: 10 }");
        await using var edge = await site.StartAsync();

        var alert = await edge.RaiseAsync("comptoir");
        var outcome = await edge.OutcomeAsync(alert, "camera");

        Assert.Equal(AlertEventKind.ActionSucceeded, outcome.Kind);
        Assert.Equal("1 snapshot", outcome.Detail);
        Assert.Equal("P002", camera.LastGotoPresetToken);
        Assert.InRange(long.Parse(outcome.Data!["clockOffsetSeconds"], System.Globalization.CultureInfo.InvariantCulture), (3 * 365 * 86400) - 60, (3 * 365 * 86400) + 60);
        Assert.Equal(0, camera.AuthenticationFailures);
    }

    [Fact]
    public async Task CameraWithoutPtz_StillTakesTheSnapshots_AndSaysThePresetWasNotReached()
    {
        await using var camera = await VirtualCamera.StartAsync(new VirtualCameraOptions { HasPtz = false }, Ct);
        using var site = new TestSite();
        site.AddSecret("camera-hall", "9999");
        site.Write(Cameras.Hall(camera.DeviceServiceUri),
            agression: "camera: { camera: hall-ptz, preset: Accueil, snapshots: 3, intervalMs: 100, settleMs: 1000, timeoutSeconds: 10 }");
        await using var edge = await site.StartAsync();

        var alert = await edge.RaiseAsync("comptoir");
        var outcome = await edge.OutcomeAsync(alert, "camera");

        var problem = Assert.Single(alert.Progress("camera"));
        Assert.StartsWith("preset Accueil not reached: ", problem.Detail, StringComparison.Ordinal);
        Assert.Contains("no PTZ service", problem.Detail, StringComparison.Ordinal);
        Assert.Equal("failed", problem.Data!["outcome"]);
        Assert.Equal(3, alert.Events.Count(e => e.Kind == AlertEventKind.SnapshotTaken));
        Assert.Equal(3, edge.App.Services.GetRequiredService<IOutbox>().ReadSnapshots(100).Count(s => s.AlertId == alert.Id));
        // The evidence is there, but the scene may not be: the outcome is a failure that says both.
        Assert.Equal(AlertEventKind.ActionFailed, outcome.Kind);
        Assert.StartsWith("3 snapshots taken, but the camera did not turn to preset Accueil: ", outcome.Detail, StringComparison.Ordinal);
        Assert.Equal(3, camera.SnapshotsServed); // the engine's second attempt did not take them again
    }

    [Fact]
    public async Task Connection_IsKeptBetweenAlerts_AndMadeAgainOnceTheCameraIsBack()
    {
        var first = await VirtualCamera.StartAsync(cancellationToken: Ct);
        var port = first.DeviceServiceUri.Port;
        using var site = new TestSite();
        site.AddSecret("camera-hall", "9999");
        site.Write(Cameras.Hall(first.DeviceServiceUri), agression: "camera: { camera: hall-ptz, snapshots: 1, timeoutSeconds: 5 }");
        await using var edge = await site.StartAsync();

        Assert.Equal(AlertEventKind.ActionSucceeded, (await PressAndClearAsync()).Kind);
        Assert.Equal(AlertEventKind.ActionSucceeded, (await PressAndClearAsync()).Kind);
        Assert.Equal(1, first.ReceivedOperations.Count(o => o == "GetDeviceInformation")); // one connection, used twice
        Assert.Equal(2, first.SnapshotsServed);

        await first.DisposeAsync();
        var down = await PressAndClearAsync();
        Assert.Equal(AlertEventKind.ActionFailed, down.Kind);
        Assert.Contains("Cannot reach the camera", down.Detail, StringComparison.Ordinal);

        await using var back = await VirtualCamera.StartAsync(new VirtualCameraOptions { HttpPort = port }, Ct);
        Assert.Equal(AlertEventKind.ActionSucceeded, (await PressAndClearAsync()).Kind);
        Assert.Equal(1, back.ReceivedOperations.Count(o => o == "GetDeviceInformation"));

        async Task<AlertEvent> PressAndClearAsync()
        {
            var alert = await edge.RaiseAsync("comptoir");
            var outcome = await edge.OutcomeAsync(alert, "camera");
            await edge.Engine.ClearAsync(alert.Id, "test", null, Ct); // a press during a running alert only joins it
            return outcome;
        }
    }
}
