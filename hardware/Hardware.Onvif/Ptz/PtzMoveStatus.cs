namespace Hardware.Onvif.Ptz;

/// <summary>The MoveStatus of one axis group (tt:MoveStatus).</summary>
public enum PtzMoveStatus
{
    /// <summary>The camera did not say.</summary>
    Unknown,

    /// <summary>IDLE: not moving.</summary>
    Idle,

    /// <summary>MOVING.</summary>
    Moving,
}
