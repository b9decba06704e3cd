using Hardware.Sip.Messages;
using Hardware.Sip.Transactions;
using Hardware.Sip.Transport;

namespace Hardware.Sip.Calls;

/// <summary>Everything that can happen to a call, funnelled into one queue so the call's state has a single owner.</summary>
internal abstract record CallEvent;

/// <summary>A 1xx to the INVITE with CSeq number <paramref name="CSeq"/> (stale ones from a challenged INVITE are ignored).</summary>
internal sealed record ProvisionalReceived(uint CSeq, SipResponse Response) : CallEvent;

/// <summary>The INVITE transaction ended: a final response, or null for Timer B, or a send error.</summary>
internal sealed record InviteCompleted(ClientInviteTransaction Transaction, SipResponse? Response, Exception? Error) : CallEvent;

/// <summary>A response no transaction wanted: a retransmitted (or forked) 2xx to our INVITE.</summary>
internal sealed record StrayResponse(SipResponse Response) : CallEvent;

internal sealed record RequestReceived(SipRequest Request, SipEndPoint Source) : CallEvent;

internal sealed record DigitReceived(char Digit) : CallEvent;

internal sealed record MessagePlayCompleted(int Count) : CallEvent;

internal sealed record TimerFired(CallTimer Timer) : CallEvent;

internal enum CallTimer
{
    Ring,
    MaxDuration,
    CancelGuard,
    Cancelled,
    ResponseRetransmit,
}
