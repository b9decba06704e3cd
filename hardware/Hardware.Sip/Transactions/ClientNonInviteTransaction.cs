using Hardware.Sip.Messages;
using Hardware.Sip.Transport;

namespace Hardware.Sip.Transactions;

/// <summary>
/// RFC 3261 §17.1.2 (REGISTER, BYE, CANCEL, OPTIONS…): Timer E retransmits at T1, 2T1… capped at T2,
/// and at T2 once a provisional arrived; Timer F (64·T1) times out; Timer K absorbs late retransmissions.
/// </summary>
internal sealed class ClientNonInviteTransaction : ClientTransaction
{
    private bool _proceeding;

    public ClientNonInviteTransaction(SipRequest request, SipEndPoint destination, SipTransactionLayer layer)
        : base(request, destination, layer)
    {
    }

    protected override TimeSpan NextRetransmitInterval(TimeSpan current) =>
        _proceeding ? Timers.T2 : TimeSpan.FromTicks(Math.Min(current.Ticks * 2, Timers.T2.Ticks));

    public override void OnResponse(SipResponse response)
    {
        if (response.IsProvisional)
        {
            lock (Sync)
            {
                if (!_proceeding && !Destination.IsReliable)
                {
                    // §17.1.2.2: in Proceeding, retransmit at T2.
                    _proceeding = true;
                    ScheduleRetransmit(Timers.T2);
                }
            }
            if (!FinalResponse.IsCompleted)
            {
                ProvisionalReceived?.Invoke(response);
            }
            return;
        }
        if (Complete(response))
        {
            LingerThenTerminate(Timers.TimerK);
        }
    }
}
