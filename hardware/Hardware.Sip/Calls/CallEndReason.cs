namespace Hardware.Sip.Calls;

/// <summary>How an answered call ended.</summary>
public enum CallEndReason
{
    /// <summary>The acknowledgement digit arrived and we hung up.</summary>
    Acknowledged,

    /// <summary>The message was played as asked (no acknowledgement requested) and we hung up.</summary>
    MessagePlayed,

    /// <summary>The maximum call duration passed without acknowledgement; we hung up.</summary>
    MaxDurationReached,

    /// <summary>The callee hung up (BYE received).</summary>
    RemoteHangUp,

    /// <summary>Our caller cancelled the call; we hung up.</summary>
    Cancelled,

    /// <summary>The callee's answer could not be used (no common codec, no address); we hung up.</summary>
    MediaFailure,
}
