namespace Hardware.Sip.Simulator;

/// <summary>How a call to the <see cref="VirtualPhone"/> ended.</summary>
public enum VirtualCallEndReason
{
    /// <summary>The line refused it (busy, decline, unknown user, 488 for an offer without PCMU/PCMA…): see <see cref="VirtualCall.FinalStatusCode"/>.</summary>
    Rejected,

    /// <summary>Authentication was required and the caller's credentials were wrong or never came.</summary>
    AuthenticationFailed,

    /// <summary>The caller sent CANCEL before the answer (200 to the CANCEL, 487 to the INVITE).</summary>
    Cancelled,

    /// <summary>The caller hung up (BYE received and answered 200).</summary>
    CallerHungUp,

    /// <summary>The line hung up itself (BYE sent) after <see cref="LineBehavior.HangUpAfter"/>.</summary>
    PhoneHungUp,

    /// <summary>The 200 OK was never acknowledged within 64·T1: the line sent BYE (RFC 3261 §13.3.1.4).</summary>
    NoAck,

    /// <summary>The phone was stopped during the call.</summary>
    Shutdown,
}

/// <summary>One thing that happened on a call, as the virtual phone saw it (for logs, demos and failing tests).</summary>
/// <param name="At">When, on the phone's <see cref="VirtualPhoneOptions.TimeProvider"/>.</param>
/// <param name="Description">What, e.g. <c>INVITE received</c>, <c>180 Ringing sent</c>, <c>DTMF '1' sent (RFC 4733, PT 101)</c>.</param>
public sealed record VirtualCallStep(DateTimeOffset At, string Description)
{
    /// <inheritdoc />
    public override string ToString() => $"{At:HH:mm:ss.fff} {Description}";
}

/// <summary>A REGISTER the virtual phone accepted (it is a registrar that keeps nothing: every binding is accepted).</summary>
/// <param name="User">The user of the To header (address of record).</param>
/// <param name="Contact">The Contact registered, or null for a query.</param>
/// <param name="Expires">The lifetime granted (zero = unregistration).</param>
/// <param name="At">When.</param>
public sealed record VirtualRegistration(string User, string? Contact, TimeSpan Expires, DateTimeOffset At);
