using Hardware.Sip.Messages;
using Hardware.Sip.Transport;

namespace Hardware.Sip.Transactions;

/// <summary>
/// RFC 3261 §17.1.1: Timer A retransmits the INVITE at T1, 2T1, 4T1… until any response; Timer B (64·T1)
/// times out. A non-2xx final is ACKed here with the INVITE's branch (§17.1.1.3), and the ACK is re-sent
/// for every retransmission of that response during Timer D. A 2xx ends the transaction: its ACK is the
/// dialog's business (§13.2.2.4).
/// </summary>
internal sealed class ClientInviteTransaction : ClientTransaction
{
    private SipRequest? _ack;

    public ClientInviteTransaction(SipRequest request, SipEndPoint destination, SipTransactionLayer layer)
        : base(request, destination, layer)
    {
    }

    protected override TimeSpan NextRetransmitInterval(TimeSpan current) => current * 2;

    public override void OnResponse(SipResponse response)
    {
        if (response.IsProvisional)
        {
            lock (Sync)
            {
                StopRetransmissions();
                StopTimeout();
            }
            if (!FinalResponse.IsCompleted)
            {
                ProvisionalReceived?.Invoke(response);
            }
            return;
        }
        if (response.IsSuccess)
        {
            if (Complete(response))
            {
                Terminate();
            }
            return;
        }
        SipRequest ack;
        bool first;
        lock (Sync)
        {
            first = _ack is null;
            _ack ??= BuildAck(Request, response);
            ack = _ack;
        }
        Send(ack);
        if (first && Complete(response))
        {
            LingerThenTerminate(Timers.TimerD);
        }
    }

    /// <summary>§17.1.1.3: the ACK for a non-2xx final response (To carries the response's tag).</summary>
    public static SipRequest BuildAck(SipRequest invite, SipResponse response) =>
        SameTransactionRequest(invite, SipMethods.Ack, response.Headers.Get("To")!);

    /// <summary>§9.1: CANCEL copies the INVITE's Request-URI, top Via (same branch), Route, Call-ID, From and To.</summary>
    public static SipRequest BuildCancel(SipRequest invite) =>
        SameTransactionRequest(invite, SipMethods.Cancel, invite.Headers.Get("To")!);

    private static SipRequest SameTransactionRequest(SipRequest invite, string method, string to)
    {
        var headers = new SipHeaders();
        headers.Add("Via", invite.Headers.GetAll("Via")[0]);
        foreach (var route in invite.Headers.GetAll("Route"))
        {
            headers.Add("Route", route);
        }
        headers.Add("Max-Forwards", "70");
        headers.Add("From", invite.Headers.Get("From")!);
        headers.Add("To", to);
        headers.Add("Call-ID", invite.CallId);
        headers.Add("CSeq", new CSeqHeader(invite.CSeq.Number, method).ToString());
        return new SipRequest(method, invite.Uri, headers);
    }
}
