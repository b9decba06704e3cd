using System.Net;
using System.Text;
using Hardware.Sip.Dialogs;
using Hardware.Sip.Messages;
using Hardware.Sip.Rtp;
using Hardware.Sip.Sdp;
using Hardware.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Hardware.Sip.Calls;

/// <summary>
/// Answers what the callee sends inside our call (RFC 3261 §12.2.2): BYE, re-INVITE and UPDATE with our
/// SDP, OPTIONS, INFO DTMF; 481 for anything that is not of our dialog. Runs on the call's event loop.
/// </summary>
internal sealed class InDialogRequestHandler
{
    private readonly SipStack _stack;
    private readonly SdpOffer _offer;
    private readonly RtpSession _rtp;
    private readonly Func<SipDialog?> _dialog;
    private readonly Func<IPAddress?> _signallingPeer;
    private readonly Action<char> _onDigit;
    private readonly Action<TimeSpan> _scheduleRetransmit;
    private readonly ILogger _logger;
    private (SipResponse Response, SipEndPoint Destination, TimeSpan Interval, DateTimeOffset GiveUp)? _pending2xx;

    public InDialogRequestHandler(SipStack stack, SdpOffer offer, RtpSession rtp, Func<SipDialog?> dialog, Func<IPAddress?> signallingPeer,
        Action<char> onDigit, Action<TimeSpan> scheduleRetransmit, ILogger logger)
    {
        _stack = stack;
        _offer = offer;
        _rtp = rtp;
        _dialog = dialog;
        _signallingPeer = signallingPeer;
        _onDigit = onDigit;
        _scheduleRetransmit = scheduleRetransmit;
        _logger = logger;
    }

    /// <summary>Answers an in-dialog request; returns true when it ended the call (BYE).</summary>
    public bool Handle(SipRequest request, SipEndPoint source)
    {
        var dialog = _dialog();
        var inDialog = dialog is not null && dialog.Matches(request);
        switch (request.Method)
        {
            case SipMethods.Ack:
                if (_pending2xx is { } pending && request.CSeq.Number == pending.Response.CSeq.Number)
                {
                    _pending2xx = null;
                }
                return false;
            case SipMethods.Bye when inDialog:
                _ = _stack.RespondAsync(request, SipResponse.For(request, 200, "OK"), source);
                return true;
            case SipMethods.Options:
                var options = SipResponse.For(request, 200, "OK");
                options.Headers.Add("Allow", SipMethods.Allowed);
                options.Headers.Add("Accept", "application/sdp");
                _ = _stack.RespondAsync(request, options, source);
                return false;
            case SipMethods.Invite when inDialog:
                AnswerReInvite(request, source);
                return false;
            case SipMethods.Update when inDialog:
                var update = SipResponse.For(request, 200, "OK");
                if (request.HasSdp)
                {
                    ApplyRemoteOffer(request);
                    AttachOurSdp(update, request);
                }
                _ = _stack.RespondAsync(request, update, source);
                return false;
            case SipMethods.Info when inDialog:
                _ = _stack.RespondAsync(request, SipResponse.For(request, 200, "OK"), source);
                if (DtmfInfo.TryParse(request) is { } digit)
                {
                    // SIP INFO DTMF fallback (protocols.md §1.11), for PBXs in dtmfmode=info.
                    _onDigit(digit);
                }
                return false;
            default:
                _ = _stack.RespondAsync(request, SipResponse.For(request, 481, "Call/Transaction Does Not Exist"), source);
                return false;
        }
    }

    /// <summary>RFC 3264 §8: answer a re-INVITE with our SDP (same o= version, unchanged), follow the new remote address.</summary>
    private void AnswerReInvite(SipRequest request, SipEndPoint source)
    {
        if (request.Contact is { } contact)
        {
            _dialog()!.UpdateRemoteTarget(contact.Uri);
        }
        var ok = SipResponse.For(request, 200, "OK");
        ok.Headers.Add("Contact", new NameAddress(_stack.ContactFor(source)).ToString());
        ok.Headers.Add("Allow", SipMethods.Allowed);
        if (request.HasSdp)
        {
            ApplyRemoteOffer(request);
        }
        // Without an offer in the re-INVITE our 200 carries the offer and the answer comes in the ACK (§14.2).
        AttachOurSdp(ok, request);
        _ = _stack.RespondAsync(request, ok, source);
        if (!source.IsReliable)
        {
            // §13.3.1.4: the UAS core retransmits its 2xx until the ACK arrives.
            _pending2xx = (ok, source, _stack.Options.Timers.T1, _stack.Time.GetUtcNow() + _stack.Options.Timers.TransactionTimeout);
            _scheduleRetransmit(_stack.Options.Timers.T1);
        }
    }

    /// <summary>Called by the retransmission timer the handler asked for.</summary>
    public void RetransmitPending2xx()
    {
        if (_pending2xx is not { } pending || _stack.Time.GetUtcNow() >= pending.GiveUp)
        {
            _pending2xx = null;
            return;
        }
        _ = _stack.SendAsync(pending.Response, pending.Destination, CancellationToken.None).AsTask();
        var interval = TimeSpan.FromTicks(Math.Min(pending.Interval.Ticks * 2, _stack.Options.Timers.T2.Ticks));
        _pending2xx = pending with { Interval = interval };
        _scheduleRetransmit(interval);
    }

    private void ApplyRemoteOffer(SipRequest request)
    {
        try
        {
            if (MediaNegotiation.FromAnswer(SdpSession.Parse(request.BodyText)) is { } media)
            {
                _rtp.SetRemote(media, _signallingPeer());
            }
        }
        catch (FormatException ex)
        {
            _logger.LogWarning("Ignoring unusable SDP in {Method}: {Reason}", request.Method, ex.Message);
        }
    }

    private void AttachOurSdp(SipResponse response, SipRequest request)
    {
        var direction = "sendrecv";
        if (request.HasSdp)
        {
            try
            {
                // Mirror a hold: sendonly → recvonly, inactive → inactive (RFC 3264 §6.1).
                direction = SdpSession.Parse(request.BodyText).Direction switch
                {
                    "sendonly" => "recvonly",
                    "recvonly" => "sendonly",
                    "inactive" => "inactive",
                    _ => "sendrecv",
                };
            }
            catch (FormatException)
            {
            }
        }
        response.Headers.Add("Content-Type", "application/sdp");
        response.Body = Encoding.UTF8.GetBytes(_offer.Build(direction));
    }
}
