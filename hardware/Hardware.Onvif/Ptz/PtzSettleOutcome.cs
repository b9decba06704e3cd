namespace Hardware.Onvif.Ptz;

/// <summary>How <see cref="OnvifCamera.WaitForPtzIdleAsync"/> ended. None of these is an error: after a panic
/// press the snapshots are taken whatever the outcome.</summary>
public enum PtzSettleOutcome
{
    /// <summary>GetStatus reported IDLE.</summary>
    Idle,

    /// <summary>The camera cannot report its move status (no GetStatus, or no MoveStatus in it), so the fixed settle time was waited.</summary>
    AssumedAfterSettleTime,

    /// <summary>The camera still reported MOVING when the time allowed ran out.</summary>
    StillMovingAtTimeout,
}
