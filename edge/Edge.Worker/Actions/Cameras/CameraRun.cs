using System.Runtime.ExceptionServices;

namespace Edge.Worker.Actions.Cameras;

/// <summary>
/// What the camera action has done so far for one alert, kept across the engine's attempts: a second attempt (after
/// the camera dropped off mid-way) takes only the snapshots still missing and does not turn the camera twice.
/// </summary>
internal sealed class CameraRun
{
    private ExceptionDispatchInfo? _final;

    public bool PresetHandled { get; set; }

    /// <summary>Why the preset could not be reached, when it could not (the snapshots are taken anyway).</summary>
    public string? PresetProblem { get; set; }

    public int SnapshotsTaken { get; set; }

    /// <summary>
    /// The engine retries whatever fails, but only a lost connection is worth a second attempt: a refused password
    /// or a camera without PTZ will be the same a second later, and knocking again with a wrong password can get the
    /// account locked. So a final failure is remembered and the next attempt repeats it without calling the camera.
    /// </summary>
    public void GiveUp(Exception reason) => _final = ExceptionDispatchInfo.Capture(reason);

    public void ThrowIfGivenUp() => _final?.Throw();
}
