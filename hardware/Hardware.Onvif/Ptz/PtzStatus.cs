namespace Hardware.Onvif.Ptz;

/// <summary>What GetStatus reports.</summary>
/// <param name="Position">Current position, if reported.</param>
/// <param name="PanTilt">Move status of pan/tilt.</param>
/// <param name="Zoom">Move status of zoom.</param>
/// <param name="CameraTime">The camera's UtcTime in the status, if reported.</param>
public sealed record PtzStatus(PtzPosition? Position, PtzMoveStatus PanTilt, PtzMoveStatus Zoom, DateTimeOffset? CameraTime)
{
    /// <summary>True when nothing is reported as moving (an axis that reports nothing counts as still).</summary>
    public bool IsIdle => PanTilt != PtzMoveStatus.Moving && Zoom != PtzMoveStatus.Moving;
}
