using Hardware.Sip.Messages;
using Hardware.Sip.Transport;

namespace Hardware.Sip.Simulator;

/// <summary>
/// One INVITE the virtual phone answers (RFC 3261 §17.2.1, kept under the phone's lock): the last response sent, for
/// retransmitted INVITEs; the retransmission of the final response until its ACK (T1 doubling up to T2, given up
/// after 64·T1), for both the 2xx (§13.3.1.4, the UAS core's duty) and refusals (Timers G and H).
/// </summary>
internal sealed class InviteServerTransaction
{
    public InviteServerTransaction(SipRequest request, SipEndPoint source)
    {
        Request = request;
        Source = source;
        Branch = request.TopVia.Branch ?? string.Empty;
        CSeq = request.CSeq.Number;
    }

    public SipRequest Request { get; }

    public SipEndPoint Source { get; }

    public string Branch { get; }

    public uint CSeq { get; }

    /// <summary>The last response sent (100, 180, then the final one).</summary>
    public SipResponse? LastResponse { get; set; }

    public bool HasFinal => LastResponse is { StatusCode: >= 200 };

    public bool IsSuccess => LastResponse is { StatusCode: >= 200 and < 300 };

    public bool Acked { get; set; }

    public ITimer? RetransmitTimer { get; set; }

    public TimeSpan Interval { get; set; }

    public DateTimeOffset GiveUpAt { get; set; }

    /// <summary>True for the same INVITE again (§17.2.3: top Via branch; the CSeq guards against broken branches).</summary>
    public bool IsRetransmission(SipRequest request) =>
        request.Method == SipMethods.Invite && (request.TopVia.Branch ?? string.Empty) == Branch && request.CSeq.Number == CSeq;

    public void StopRetransmissions()
    {
        RetransmitTimer?.Dispose();
        RetransmitTimer = null;
    }
}
