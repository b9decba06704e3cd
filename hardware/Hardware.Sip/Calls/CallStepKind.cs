namespace Hardware.Sip.Calls;

/// <summary>The steps of a call, as reported to progress and kept in the timeline.</summary>
public enum CallStepKind
{
    /// <summary>An INVITE was sent (again after a challenge).</summary>
    InviteSent,

    /// <summary>The server asked for credentials (401/407) and we answered.</summary>
    AuthenticationChallenged,

    /// <summary>100 Trying.</summary>
    Trying,

    /// <summary>180 Ringing (or another 18x without SDP).</summary>
    Ringing,

    /// <summary>183 Session Progress with SDP: early media.</summary>
    EarlyMedia,

    /// <summary>2xx: the callee answered.</summary>
    Answered,

    /// <summary>Our message finished playing once.</summary>
    MessagePlayed,

    /// <summary>A DTMF digit was received.</summary>
    DigitReceived,

    /// <summary>We sent CANCEL (ring timeout or caller cancelled).</summary>
    Cancelling,

    /// <summary>A final non-2xx response ended the attempt.</summary>
    Rejected,

    /// <summary>The remote party hung up.</summary>
    HungUpByRemote,

    /// <summary>We hung up (BYE).</summary>
    HungUpByUs,

    /// <summary>The attempt failed without a final response (timeout, network, DNS).</summary>
    Failed,

    /// <summary>The call is over.</summary>
    Ended,
}
