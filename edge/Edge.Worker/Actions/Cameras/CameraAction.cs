using System.Globalization;
using System.Runtime.CompilerServices;
using Edge.Core.Alerts;
using Edge.Core.Configuration.Model;
using Edge.Core.Scenarios;
using Hardware.Onvif;
using Hardware.Onvif.Errors;
using Hardware.Onvif.Ptz;

namespace Edge.Worker.Actions.Cameras;

/// <summary>
/// The camera of a scenario: turns the site's PTZ camera to the preset that shows the scene, waits for it to stop,
/// then takes the snapshots, which go to the crisis cell after the alert's events. Runs beside the siren, never
/// before it: a camera that is off, refuses the password or cannot turn delays nothing and ends as a failure that
/// says why. A preset that cannot be reached does not cost the evidence: the snapshots are still taken.
/// </summary>
public sealed partial class CameraAction(SiteFile site, CameraConnections cameras, TimeProvider time, ILogger<CameraAction> logger) : IAlertAction
{
    // A camera that dropped the connection (rebooting, Wi-Fi bridge) gets a second attempt this much later.
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromSeconds(1);

    private readonly ConditionalWeakTable<ActiveAlert, CameraRun> _runs = new();

    public string Name => "camera";

    public bool IsAudible => false;

    public bool IsImmediate => false;

    public bool AppliesTo(ScenarioConfig scenario) => scenario?.Camera is not null;

    /// <summary>Each attempt gets the scenario's timeoutSeconds; two attempts, the second only after a lost connection.</summary>
    public ActionPolicy PolicyFor(ScenarioConfig scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return new ActionPolicy(TimeSpan.FromSeconds(scenario.Camera!.TimeoutSeconds), 2, s_retryDelay);
    }

    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var settings = context.Alert.Scenario.Camera!;
        var config = site.Camera(settings.Camera) ?? throw new ActionFailedException($"camera '{settings.Camera}' is not in the site file.");
        var run = _runs.GetOrCreateValue(context.Alert);
        run.ThrowIfGivenUp();

        OnvifCamera? camera = null;
        try
        {
            camera = await cameras.GetAsync(config, cancellationToken).ConfigureAwait(false);
            if (settings.Preset is { } preset && !run.PresetHandled)
            {
                await TurnToPresetAsync(context, camera, config, settings, preset, run, cancellationToken).ConfigureAwait(false);
            }

            await TakeSnapshotsAsync(context, camera, config, settings, run, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            cameras.Forget(config, camera);
            if (!IsConnectionFailure(ex))
            {
                run.GiveUp(ex);
            }

            throw;
        }

        var taken = Count(run.SnapshotsTaken, "snapshot");
        if (run.PresetProblem is { } problem)
        {
            // The evidence is there, but the scene may not be: the crisis cell and the installer must see it failed.
            var failure = new ActionFailedException($"{taken} taken, but the camera did not turn to preset {settings.Preset}: {problem}");
            run.GiveUp(failure);
            throw failure;
        }

        var data = new Dictionary<string, string>
        {
            ["camera"] = config.Id,
            ["snapshots"] = run.SnapshotsTaken.ToString(CultureInfo.InvariantCulture),
        };
        if (settings.Preset is { } reached)
        {
            data["preset"] = reached;
        }

        if (camera.ClockOffset is { } offset)
        {
            data["clockOffsetSeconds"] = ((long)offset.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        return new ActionResult(taken, data);
    }

    public void OnAlertChanged(ActiveAlert alert, AlertChange change)
    {
        // Snapshots are evidence: an acknowledgement or a false alarm does not stop the few seconds they take.
    }

    /// <summary>Worth a second attempt: nothing answered, or not in time. Anything else will fail the same way again.</summary>
    private static bool IsConnectionFailure(Exception ex) =>
        ex is OnvifConnectionException or OnvifTimeoutException or OperationCanceledException or HttpRequestException or IOException;

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private async Task TurnToPresetAsync(ActionContext context, OnvifCamera camera, CameraConfig config, CameraActionConfig settings, string wanted, CameraRun run, CancellationToken cancellationToken)
    {
        var data = new Dictionary<string, string> { ["camera"] = config.Id, ["preset"] = wanted };
        string detail;
        try
        {
            var preset = await GoToPresetAsync(camera, config.Profile, wanted, cancellationToken).ConfigureAwait(false);
            data["token"] = preset.Token;
            var settle = TimeSpan.FromMilliseconds(settings.SettleMs);
            var outcome = settle > TimeSpan.Zero
                ? await camera.WaitForPtzIdleAsync(settle, config.Profile, cancellationToken).ConfigureAwait(false)
                : (PtzSettleOutcome?)null;
            (detail, data["settle"]) = outcome switch
            {
                PtzSettleOutcome.Idle => ($"preset {wanted} reached", "idle"),
                PtzSettleOutcome.AssumedAfterSettleTime => ($"preset {wanted} reached (assumed after {settings.SettleMs} ms: the camera does not report its movement)", "assumed"),
                PtzSettleOutcome.StillMovingAtTimeout => ($"preset {wanted} ordered; the camera was still moving after {settings.SettleMs} ms, snapshots taken anyway", "still-moving"),
                _ => ($"preset {wanted} ordered", "not-waited"),
            };
        }
        catch (OnvifException ex) when (!IsConnectionFailure(ex))
        {
            // No PTZ, unknown preset, PTZ refused to this user: the snapshots may still show something useful.
            run.PresetProblem = ex.Message;
            data["outcome"] = "failed";
            detail = $"preset {wanted} not reached: {ex.Message}";
            Log.PresetNotReached(logger, config.Id, wanted, ex.Message);
        }

        run.PresetHandled = true;
        await context.ProgressAsync(detail, data, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The site file may name a preset by its name (what installers see) or by its token.</summary>
    private static async Task<PtzPreset> GoToPresetAsync(OnvifCamera camera, string? profile, string wanted, CancellationToken cancellationToken)
    {
        var presets = await camera.GetPresetsAsync(profile, cancellationToken).ConfigureAwait(false);
        var named = presets.Where(p => string.Equals(p.Name, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        var chosen = named.Count switch
        {
            1 => named[0],
            0 => presets.FirstOrDefault(p => p.Token == wanted),
            _ => null,
        };
        if (chosen is null)
        {
            // Unknown or ambiguous: the client's lookup says which, listing the camera's presets.
            return await camera.GotoPresetByNameAsync(wanted, profile, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        await camera.GotoPresetAsync(chosen.Token, profile, cancellationToken: cancellationToken).ConfigureAwait(false);
        return chosen;
    }

    private async Task TakeSnapshotsAsync(ActionContext context, OnvifCamera camera, CameraConfig config, CameraActionConfig settings, CameraRun run, CancellationToken cancellationToken)
    {
        var interval = TimeSpan.FromMilliseconds(settings.IntervalMs);
        long? previous = null;
        while (run.SnapshotsTaken < settings.Snapshots)
        {
            // The interval runs from the start of one snapshot to the start of the next, whatever the download took.
            if (previous is { } started && interval - time.GetElapsedTime(started) is var wait && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
            }

            previous = time.GetTimestamp();
            var snapshot = await camera.TakeSnapshotAsync(config.Profile, cancellationToken).ConfigureAwait(false);
            await context.AddSnapshotAsync(snapshot.Jpeg, snapshot.TakenAt, cancellationToken).ConfigureAwait(false);
            run.SnapshotsTaken++;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Camera {Camera} did not turn to preset {Preset}: {Reason}; taking the snapshots anyway")]
        public static partial void PresetNotReached(ILogger logger, string camera, string preset, string reason);
    }
}
