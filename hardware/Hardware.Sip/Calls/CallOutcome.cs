namespace Hardware.Sip.Calls;

/// <summary>How a call attempt ended, from the point of view of "did somebody take the alert".</summary>
public enum CallOutcome
{
    /// <summary>The callee answered (see <see cref="CallResult.EndReason"/> and <see cref="CallResult.Acknowledged"/>).</summary>
    Answered,

    /// <summary>486 Busy Here or 600 Busy Everywhere.</summary>
    Busy,

    /// <summary>The callee refused: 603 Decline, 403 Forbidden, 607…</summary>
    Declined,

    /// <summary>Nobody answered: our ring timeout (then CANCEL), or 480 / 408 from the far end.</summary>
    NoAnswer,

    /// <summary>Nothing answered at all: no response (Timer B), network error, or the name did not resolve.</summary>
    Unreachable,

    /// <summary>Any other failure; see <see cref="CallResult.Failure"/> (status code, authentication, protocol error).</summary>
    Failed,
}
