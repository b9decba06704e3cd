using Hardware.Sip.Messages;
using Hardware.Sip.Sdp;

namespace Hardware.Sip.Calls;

/// <summary>The result of one call attempt, with everything needed to record it as an alert event.</summary>
public sealed record CallResult
{
    /// <summary>The URI that was called.</summary>
    public required SipUri Target { get; init; }

    /// <summary>How it ended.</summary>
    public required CallOutcome Outcome { get; init; }

    /// <summary>For <see cref="CallOutcome.Answered"/>: how the conversation ended.</summary>
    public CallEndReason? EndReason { get; init; }

    /// <summary>True when the acknowledgement digit was received.</summary>
    public bool Acknowledged { get; init; }

    /// <summary>Every DTMF digit received, in order.</summary>
    public string DigitsReceived { get; init; } = string.Empty;

    /// <summary>The remote party as the final response's To header named it (display name and URI), or null.</summary>
    public string? RemoteParty { get; init; }

    /// <summary>Status code of the final response to the INVITE, or null when none came.</summary>
    public int? FinalStatusCode { get; init; }

    /// <summary>Reason phrase of the final response, or null.</summary>
    public string? FinalReasonPhrase { get; init; }

    /// <summary>Why it failed, for <see cref="CallOutcome.Unreachable"/> and <see cref="CallOutcome.Failed"/> (and detail for others).</summary>
    public CallFailure? Failure { get; init; }

    /// <summary>How many times the whole message was played.</summary>
    public int MessagePlays { get; init; }

    /// <summary>What the answer settled (remote RTP address, G.711 law, telephone-event payload type), or null.</summary>
    public MediaNegotiation? Media { get; init; }

    /// <summary>RTP packets we sent (audio).</summary>
    public long RtpPacketsSent { get; init; }

    /// <summary>RTP audio packets received from the callee (DTMF events not counted): proof that media flowed back.</summary>
    public long RtpAudioPacketsReceived { get; init; }

    /// <summary>When the INVITE was first sent.</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the call ended.</summary>
    public DateTimeOffset EndedAt { get; init; }

    /// <summary>When it was answered, or null.</summary>
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>Every step, in order.</summary>
    public IReadOnlyList<CallStep> Timeline { get; init; } = [];
}
