using System.Globalization;
using System.Net;
using System.Text;
using Hardware.Sip.Messages;
using Hardware.Sip.Rtp;
using Hardware.Sip.Sdp;
using Hardware.Sip.Transport;

namespace Hardware.Sip.Simulator;

/// <summary>
/// One call the <see cref="VirtualPhone"/> received, updated live as it goes (all members are safe to read from any
/// thread): who called which line, whether it was answered, what the line pressed, how much audio came from the caller,
/// and how it ended. Await <see cref="Ended"/> (or <see cref="WaitForEndAsync"/>) for the end of the call.
/// </summary>
public sealed class VirtualCall
{
    private readonly object _sync;
    private readonly List<VirtualCallStep> _steps = [];
    private readonly StringBuilder _digits = new();
    private readonly TaskCompletionSource<VirtualCall> _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset? _answeredAt;
    private DateTimeOffset? _endedAt;
    private int? _finalStatusCode;
    private bool _ackReceived;
    private bool _authenticated;
    private int _authenticationChallenges;
    private string? _authenticationFailure;
    private bool _cancelReceived;
    private bool _byeReceived;
    private bool _byeSent;
    private MediaNegotiation? _media;
    private IPEndPoint? _localRtpEndPoint;
    private long _rtpPacketsReceived;
    private long _rtpPacketsSent;
    private long _dtmfPacketsSent;
    private int _inviteRetransmissions;
    private int _responseRetransmissions;
    private VirtualCallEndReason? _endReason;

    internal VirtualCall(object sync, SipRequest invite, SipEndPoint source, LineBehavior behavior, string localTag, DateTimeOffset receivedAt)
    {
        _sync = sync;
        CallId = invite.CallId;
        RequestUri = invite.Uri;
        var from = invite.From;
        Caller = from.Uri.ToString();
        CallerDisplayName = from.DisplayName;
        CallerTag = from.Tag ?? string.Empty;
        Behavior = behavior;
        ReceivedAt = receivedAt;
        LocalTag = localTag;
        RemoteParty = invite.Headers.Get("From") ?? string.Empty;
        LocalParty = invite.To.WithParameter("tag", localTag).ToString();
        RemoteTarget = invite.Contact?.Uri ?? from.Uri;
        Source = source;
    }

    /// <summary>The Call-ID.</summary>
    public string CallId { get; }

    /// <summary>The line called: the user part of the Request-URI (empty when it had none).</summary>
    public string User => RequestUri.User ?? string.Empty;

    /// <summary>The Request-URI of the INVITE, e.g. <c>sip:police@127.0.0.1:5062</c>.</summary>
    public SipUri RequestUri { get; }

    /// <summary>Who called: the URI of the From header, e.g. <c>sip:panic1@127.0.0.1</c>.</summary>
    public string Caller { get; }

    /// <summary>The display name of the From header, or null.</summary>
    public string? CallerDisplayName { get; }

    /// <summary>What the line was set to do.</summary>
    public LineBehavior Behavior { get; }

    /// <summary>When the first INVITE arrived.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>When the line answered (200 OK sent), or null.</summary>
    public DateTimeOffset? AnsweredAt => Read(() => _answeredAt);

    /// <summary>True once the line answered (200 OK sent).</summary>
    public bool Answered => AnsweredAt is not null;

    /// <summary>True once the caller acknowledged the 200 OK (ACK received): the dialog is confirmed.</summary>
    public bool AckReceived => Read(() => _ackReceived);

    /// <summary>The last final response sent to an INVITE of this call (401 while challenged, then 200, 486, 487…), or null.</summary>
    public int? FinalStatusCode => Read(() => _finalStatusCode);

    /// <summary>True when authentication was required and the caller's credentials were accepted.</summary>
    public bool Authenticated => Read(() => _authenticated);

    /// <summary>How many 401 challenges were sent on this call.</summary>
    public int AuthenticationChallenges => Read(() => _authenticationChallenges);

    /// <summary>Why the caller's credentials were refused, e.g. <c>wrong password</c>, or null.</summary>
    public string? AuthenticationFailure => Read(() => _authenticationFailure);

    /// <summary>True when the caller sent CANCEL.</summary>
    public bool CancelReceived => Read(() => _cancelReceived);

    /// <summary>True when the caller sent BYE.</summary>
    public bool ByeReceived => Read(() => _byeReceived);

    /// <summary>True when the line hung up itself (BYE sent).</summary>
    public bool ByeSent => Read(() => _byeSent);

    /// <summary>The keys the line pressed, in order (e.g. <c>1</c>).</summary>
    public string DigitsSent => Read(() => _digits.ToString());

    /// <summary>The G.711 law chosen from the offer, or null before the answer.</summary>
    public AudioCodec? Codec => Read(() => _media?.Codec);

    /// <summary>The telephone-event payload type the offer gave (and the answer and the digits use), or null.</summary>
    public int? TelephoneEventPayloadType => Read(() => _media?.TelephoneEventPayloadType);

    /// <summary>The caller's RTP address, from its SDP offer.</summary>
    public IPEndPoint? CallerRtpEndPoint => Read(() => _media?.RemoteEndPoint);

    /// <summary>The line's own RTP address (in its SDP answer).</summary>
    public IPEndPoint? LocalRtpEndPoint => Read(() => _localRtpEndPoint);

    /// <summary>RTP audio packets received from the caller's address (telephone-events not counted): proof that the message was played.</summary>
    public long RtpPacketsReceived => Read(() => Rtp?.AudioPacketsReceived ?? _rtpPacketsReceived);

    /// <summary>RTP audio packets the line sent to the caller (silence or <see cref="VirtualPhoneOptions.Audio"/>).</summary>
    public long RtpPacketsSent => Read(() => Rtp?.PacketsSent ?? _rtpPacketsSent);

    /// <summary>RFC 4733 telephone-event packets the line sent.</summary>
    public long DtmfPacketsSent => Read(() => _dtmfPacketsSent);

    /// <summary>Retransmitted INVITEs received (each answered with the response already sent).</summary>
    public int InviteRetransmissions => Read(() => _inviteRetransmissions);

    /// <summary>Final responses (200 OK or refusals) sent again because no ACK had come yet.</summary>
    public int ResponseRetransmissions => Read(() => _responseRetransmissions);

    /// <summary>How the call ended, or null while it goes on.</summary>
    public VirtualCallEndReason? EndReason => Read(() => _endReason);

    /// <summary>When it ended, or null.</summary>
    public DateTimeOffset? EndedAt => Read(() => _endedAt);

    /// <summary>True once the call is over.</summary>
    public bool IsEnded => EndReason is not null;

    /// <summary>Everything that happened, in order.</summary>
    public IReadOnlyList<VirtualCallStep> Steps => Read(() => _steps.ToArray());

    /// <summary>Completes (with this call) when the call is over.</summary>
    public Task<VirtualCall> Ended => _ended.Task;

    /// <summary>Waits for the end of the call.</summary>
    public Task<VirtualCall> WaitForEndAsync(CancellationToken cancellationToken = default) => _ended.Task.WaitAsync(cancellationToken);

    /// <summary>One line: line, caller, outcome, digits, packets.</summary>
    public override string ToString()
    {
        lock (_sync)
        {
            var sb = new StringBuilder();
            sb.Append(CultureInfo.InvariantCulture, $"{User} <- {Caller}: ");
            sb.Append(_answeredAt is null ? $"not answered ({_finalStatusCode?.ToString(CultureInfo.InvariantCulture) ?? "no final response"})" : "answered");
            if (_digits.Length > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $", pressed '{_digits}'");
            }
            if (_answeredAt is not null)
            {
                sb.Append(CultureInfo.InvariantCulture, $", {Rtp?.AudioPacketsReceived ?? _rtpPacketsReceived} RTP packets received");
            }
            sb.Append(_endReason is { } reason ? $", ended: {reason}" : ", in progress");
            return sb.ToString();
        }
    }

    private T Read<T>(Func<T> read)
    {
        lock (_sync)
        {
            return read();
        }
    }

    // ------------------------------------------------------------------ engine state (under the phone's lock)

    internal string CallerTag { get; }

    internal string LocalTag { get; }

    /// <summary>Our side of the dialog: the INVITE's To with our tag (the From of our requests).</summary>
    internal string LocalParty { get; }

    /// <summary>The caller's From header as received (the To of our requests).</summary>
    internal string RemoteParty { get; }

    /// <summary>The caller's Contact: where in-dialog requests from the line go.</summary>
    internal SipUri RemoteTarget { get; }

    /// <summary>Where the caller's signalling comes from.</summary>
    internal SipEndPoint Source { get; set; }

    internal CallPhase Phase { get; set; } = CallPhase.Trying;

    internal List<InviteServerTransaction> Invites { get; } = [];

    internal InviteServerTransaction CurrentInvite => Invites[^1];

    internal List<ITimer> Timers { get; } = [];

    internal RtpSession? Rtp { get; set; }

    internal MediaNegotiation? Media
    {
        get => _media;
        set => _media = value;
    }

    /// <summary>Our SDP (answer, or offer when the INVITE had none), repeated in answers to re-INVITEs.</summary>
    internal string? LocalSdp { get; set; }

    /// <summary>The INVITE had no offer: our 200 carried one and the answer is expected in the ACK (RFC 3261 §13.2.1).</summary>
    internal bool AnswerExpectedInAck { get; set; }

    /// <summary>The key press came due before the ACK: press it on the ACK.</summary>
    internal bool DigitDue { get; set; }

    /// <summary>The end to record once the final non-2xx response is acknowledged (or given up).</summary>
    internal VirtualCallEndReason? PendingEnd { get; set; }

    internal uint LocalCSeq { get; set; }

    internal void AddStep(DateTimeOffset at, string description) => _steps.Add(new VirtualCallStep(at, description));

    internal void SetAnswered(DateTimeOffset at, IPEndPoint localRtp)
    {
        _answeredAt = at;
        _localRtpEndPoint = localRtp;
    }

    internal void SetFinalStatus(int statusCode) => _finalStatusCode = statusCode;

    internal void SetAckReceived() => _ackReceived = true;

    internal void SetAuthenticated() => _authenticated = true;

    internal void AddChallenge() => _authenticationChallenges++;

    internal void SetAuthenticationFailure(string reason) => _authenticationFailure = reason;

    internal void SetCancelReceived() => _cancelReceived = true;

    internal void SetByeReceived() => _byeReceived = true;

    internal void SetByeSent() => _byeSent = true;

    internal void AddDigit(char digit) => _digits.Append(digit);

    internal void AddDtmfPackets(int count) => _dtmfPacketsSent += count;

    internal void AddInviteRetransmission() => _inviteRetransmissions++;

    internal void AddResponseRetransmission() => _responseRetransmissions++;

    /// <summary>Marks the call over and keeps the media counters of the session about to be closed.</summary>
    internal void SetEnded(VirtualCallEndReason reason, DateTimeOffset at)
    {
        _endReason = reason;
        _endedAt = at;
        if (Rtp is { } rtp)
        {
            _rtpPacketsReceived = rtp.AudioPacketsReceived;
            _rtpPacketsSent = rtp.PacketsSent;
        }
    }

    /// <summary>Completes <see cref="Ended"/>; called outside the lock.</summary>
    internal void SignalEnded() => _ended.TrySetResult(this);
}

/// <summary>Where a call stands, for the phone's engine.</summary>
internal enum CallPhase
{
    /// <summary>INVITE received, nothing decided yet.</summary>
    Trying,

    /// <summary>401 sent, waiting for the INVITE with credentials.</summary>
    Challenged,

    /// <summary>180 sent.</summary>
    Ringing,

    /// <summary>200 sent, waiting for the ACK.</summary>
    Answered,

    /// <summary>ACK received: the dialog is confirmed.</summary>
    Confirmed,

    /// <summary>A final refusal sent (busy, 487…), waiting for its ACK before the call is recorded as ended.</summary>
    Terminating,

    /// <summary>Over.</summary>
    Ended,
}
