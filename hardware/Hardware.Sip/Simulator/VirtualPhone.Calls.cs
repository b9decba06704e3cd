using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Hardware.Sip.Audio;
using Hardware.Sip.Messages;
using Hardware.Sip.Rtp;
using Hardware.Sip.Sdp;
using Hardware.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Hardware.Sip.Simulator;

/// <summary>The calls: INVITE to BYE, as a UAS (RFC 3261 §13.3, §15, §17.2.1), with media. Everything here runs under the phone's lock.</summary>
public sealed partial class VirtualPhone
{
    private static string CallKey(string callId, string? fromTag) => callId + "|" + fromTag;

    // ------------------------------------------------------------------ INVITE

    private void OnInvite(SipRequest request, SipEndPoint source)
    {
        var key = CallKey(request.CallId, request.From.Tag);
        _callsByKey.TryGetValue(key, out var call);
        if (call?.Invites.FirstOrDefault(t => t.IsRetransmission(request)) is { } known)
        {
            // §17.2.1: a retransmitted INVITE gets the last response again, and nothing else happens.
            call.AddInviteRetransmission();
            if (known.LastResponse is { } last)
            {
                Send(last, source);
            }
            return;
        }
        if (call is { IsEnded: false } && call.Phase != CallPhase.Challenged)
        {
            // §8.2.2.2: another INVITE of a call in progress, without To tag: a merged request.
            Send(CreateResponse(request, 482, "Loop Detected", _ids.NewTag(), source), source);
            return;
        }
        if (call is null || call.IsEnded)
        {
            var behavior = _lines.GetValueOrDefault(request.Uri.User ?? string.Empty) ?? _options.UnknownUser;
            call = new VirtualCall(_sync, request, source, behavior, _ids.NewTag(), _time.GetUtcNow());
            _calls.Add(call);
            _callsByKey[key] = call;
            Step(call, $"INVITE {request.Uri} from {call.Caller} received (line: {behavior})");
            RaiseCallReceived(call);
            CheckWaiters(call);
        }
        else
        {
            Step(call, $"INVITE received again (CSeq {request.CSeq.Number.ToString(CultureInfo.InvariantCulture)})");
        }
        call.Source = source;
        var transaction = new InviteServerTransaction(request, source);
        call.Invites.Add(transaction);
        call.Phase = CallPhase.Trying;
        if (_digest is not null && !call.Authenticated && !Authenticate(call, transaction))
        {
            return;
        }
        var trying = CreateResponse(request, 100, "Trying", null, source);
        transaction.LastResponse = trying;
        Send(trying, source);

        var line = call.Behavior;
        switch (line.Kind)
        {
            case LineBehaviorKind.Reject:
                SendFinal(call, transaction, line.StatusCode, line.ReasonPhrase, VirtualCallEndReason.Rejected);
                return;
            case LineBehaviorKind.NoAnswer:
                SendRinging(call, transaction);
                return;
        }
        if (request.Body.Length > 0)
        {
            MediaNegotiation? offer = null;
            try
            {
                offer = request.HasSdp ? MediaNegotiation.FromAnswer(SdpSession.Parse(request.BodyText)) : null;
            }
            catch (FormatException ex)
            {
                _logger.LogInformation("Virtual phone cannot read the offer of {CallId}: {Reason}", request.CallId, ex.Message);
            }
            if (offer is null)
            {
                Step(call, "the offer has no PCMU/PCMA audio stream");
                SendFinal(call, transaction, 488, "Not Acceptable Here", VirtualCallEndReason.Rejected);
                return;
            }
            call.Media = offer;
        }
        else
        {
            call.AnswerExpectedInAck = true;
        }
        SendRinging(call, transaction);
        Schedule(call, line.RingDuration, Answer);
    }

    /// <summary>Checks the INVITE's credentials; false when a 401 was sent instead.</summary>
    private bool Authenticate(VirtualCall call, InviteServerTransaction transaction)
    {
        var (check, reason) = _digest!.Verify(transaction.Request);
        if (check == DigestCheck.Valid)
        {
            call.SetAuthenticated();
            Step(call, "credentials accepted");
            return true;
        }
        call.AddChallenge();
        var challenge = _digest.CreateChallenge();
        if (check == DigestCheck.Missing)
        {
            SendFinal(call, transaction, 401, "Unauthorized", endAfterAck: null, ("WWW-Authenticate", challenge));
            call.Phase = CallPhase.Challenged;
            // A caller that has no password (or gives up) never comes back: the call is over after 64·T1.
            Schedule(call, _options.Timers.TransactionTimeout, c =>
            {
                if (c.Phase == CallPhase.Challenged && c.CurrentInvite == transaction)
                {
                    c.SetAuthenticationFailure("no credentials came after the challenge");
                    End(c, VirtualCallEndReason.AuthenticationFailed);
                }
            });
            return false;
        }
        _authenticationFailures++;
        call.SetAuthenticationFailure(reason);
        Step(call, "credentials refused: " + reason);
        SendFinal(call, transaction, 401, "Unauthorized", VirtualCallEndReason.AuthenticationFailed, ("WWW-Authenticate", challenge));
        return false;
    }

    private void SendRinging(VirtualCall call, InviteServerTransaction transaction)
    {
        var ringing = CreateResponse(transaction.Request, 180, "Ringing", call.LocalTag, transaction.Source);
        AddDialogHeaders(transaction.Request, ringing, call);
        transaction.LastResponse = ringing;
        call.Phase = CallPhase.Ringing;
        Send(ringing, transaction.Source);
        Step(call, "180 Ringing sent");
    }

    private void SendFinal(VirtualCall call, InviteServerTransaction transaction, int statusCode, string reason,
        VirtualCallEndReason? endAfterAck, params (string Name, string Value)[] headers)
    {
        var response = CreateResponse(transaction.Request, statusCode, reason, call.LocalTag, transaction.Source);
        foreach (var (name, value) in headers)
        {
            response.Headers.Add(name, value);
        }
        SendFinal(call, transaction, response, endAfterAck);
        Step(call, $"{statusCode.ToString(CultureInfo.InvariantCulture)} {reason} sent");
    }

    /// <summary>Sends a final response and retransmits it until its ACK; <paramref name="endAfterAck"/> ends the call then.</summary>
    private void SendFinal(VirtualCall call, InviteServerTransaction transaction, SipResponse response, VirtualCallEndReason? endAfterAck)
    {
        transaction.LastResponse = response;
        call.SetFinalStatus(response.StatusCode);
        if (endAfterAck is { } reason)
        {
            call.Phase = CallPhase.Terminating;
            call.PendingEnd = reason;
        }
        // The timer first: whoever reads the response may move the clock at once (tests on a fake clock do).
        StartRetransmissions(call, transaction);
        Send(response, transaction.Source);
    }

    /// <summary>§12.1.1: the UAS copies Record-Route into responses that make a dialog, and gives its Contact.</summary>
    private void AddDialogHeaders(SipRequest request, SipResponse response, VirtualCall call)
    {
        foreach (var route in request.Headers.GetAll("Record-Route"))
        {
            response.Headers.Add("Record-Route", route);
        }
        var local = _transport.SocketAddressFor(call.Source);
        response.Headers.Add("Contact", new NameAddress(new SipUri("sip", call.User.Length > 0 ? call.User : null, FormatHost(local.Address), local.Port)).ToString());
    }

    // ------------------------------------------------------------------ answer and media

    private void Answer(VirtualCall call)
    {
        if (call.Phase != CallPhase.Ringing)
        {
            return;
        }
        var transaction = call.CurrentInvite;
        var localAddress = _transport.SocketAddressFor(transaction.Source).Address;
        RtpSession rtp;
        try
        {
            rtp = RtpSession.Open(localAddress, _ids.Random, _time, _loggers.CreateLogger("Hardware.Sip.Simulator.Rtp"));
        }
        catch (SocketException ex)
        {
            Step(call, "no RTP port free: " + ex.Message);
            SendFinal(call, transaction, 500, "Server Internal Error", VirtualCallEndReason.Rejected);
            return;
        }
        call.Rtp = rtp;
        var sessionId = _ids.NewSessionId();
        var port = rtp.LocalEndPoint.Port;
        string sdp;
        string media;
        if (call.Media is { } offer)
        {
            sdp = SdpAnswer.Build(localAddress, port, sessionId, offer.Codec, offer.TelephoneEventPayloadType, SdpAnswer.Mirror(offer.Direction));
            StartMedia(call, offer);
            media = Describe(offer);
        }
        else
        {
            // No offer in the INVITE: ours goes in the 200 and the answer comes in the ACK (§13.2.1).
            sdp = new SdpOffer(localAddress, port, sessionId).Build();
            media = "SDP offer (the INVITE had none)";
        }
        call.LocalSdp = sdp;
        var ok = CreateResponse(transaction.Request, 200, "OK", call.LocalTag, transaction.Source);
        AddDialogHeaders(transaction.Request, ok, call);
        ok.Headers.Add("Allow", Allowed);
        ok.Headers.Add("Content-Type", "application/sdp");
        ok.Body = Encoding.UTF8.GetBytes(sdp);
        call.SetAnswered(_time.GetUtcNow(), rtp.LocalEndPoint);
        call.Phase = CallPhase.Answered;
        SendFinal(call, transaction, ok, endAfterAck: null);
        Step(call, $"200 OK sent: {media}, RTP from {rtp.LocalEndPoint}");
        Schedule(call, call.Behavior.HangUpAfter, HangUp);
        if (call.Behavior.Kind == LineBehaviorKind.AnswerAndAcknowledge)
        {
            Schedule(call, call.Behavior.AcknowledgeAfter, PressDigit);
        }
    }

    private void StartMedia(VirtualCall call, MediaNegotiation media)
    {
        call.Media = media;
        var rtp = call.Rtp!;
        rtp.SetRemote(media, call.Source.Address.Address);
        if (SdpAnswer.Mirror(media.Direction) is "sendrecv" or "sendonly")
        {
            rtp.StartSending(media.Codec, new MessagePlayback(_audio, repeat: true, TimeSpan.Zero));
        }
    }

    private static string Describe(MediaNegotiation media) =>
        $"{media.Codec.ToString().ToUpperInvariant()} to {media.RemoteEndPoint}, telephone-event " +
        (media.TelephoneEventPayloadType?.ToString(CultureInfo.InvariantCulture) ?? "not offered");

    private void PressDigit(VirtualCall call)
    {
        if (call.Phase == CallPhase.Answered)
        {
            // No ACK yet: the key is pressed as soon as the dialog is confirmed.
            call.DigitDue = true;
            return;
        }
        if (call.Phase != CallPhase.Confirmed || call.Behavior.Digit is not { } digit)
        {
            return;
        }
        call.DigitDue = false;
        call.AddDigit(digit);
        if (call.Media?.TelephoneEventPayloadType is { } payloadType && call.Rtp is { } rtp)
        {
            Step(call, $"DTMF '{digit}' sent (RFC 4733, payload type {payloadType.ToString(CultureInfo.InvariantCulture)})");
            Track(SendDigitAsync(call, rtp, LineBehavior.EventCode(digit)!.Value, payloadType, call.Behavior.DigitDuration));
            return;
        }
        // The offer had no telephone-event: the fallback PBXs in dtmfmode=info use (protocols.md §1.11).
        var milliseconds = ((int)call.Behavior.DigitDuration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        SendInDialogRequest(call, SipMethods.Info, "application/dtmf-relay", $"Signal={digit}\r\nDuration={milliseconds}\r\n");
        Step(call, $"DTMF '{digit}' sent by SIP INFO (the offer had no telephone-event)");
    }

    private async Task SendDigitAsync(VirtualCall call, RtpSession rtp, byte eventCode, int payloadType, TimeSpan length)
    {
        var sent = await rtp.SendTelephoneEventAsync(eventCode, payloadType, length, CancellationToken.None).ConfigureAwait(false);
        Locked(() => call.AddDtmfPackets(sent));
    }

    private void HangUp(VirtualCall call)
    {
        if (call.Phase is not (CallPhase.Answered or CallPhase.Confirmed))
        {
            return;
        }
        SendInDialogRequest(call, SipMethods.Bye);
        call.SetByeSent();
        Step(call, $"BYE sent: the line hangs up after {call.Behavior.HangUpAfter.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s");
        End(call, VirtualCallEndReason.PhoneHungUp);
    }

    // ------------------------------------------------------------------ ACK, CANCEL, in-dialog requests

    private void OnAck(SipRequest request)
    {
        if (!_callsByKey.TryGetValue(CallKey(request.CallId, request.From.Tag), out var call))
        {
            return; // a stray ACK is absorbed (§17.2.3)
        }
        var transaction = call.Invites.LastOrDefault(t => t.CSeq == request.CSeq.Number);
        if (transaction is null || !transaction.HasFinal || transaction.Acked)
        {
            return;
        }
        transaction.Acked = true;
        transaction.StopRetransmissions();
        if (!transaction.IsSuccess)
        {
            Step(call, $"ACK received for the {transaction.LastResponse!.StatusCode.ToString(CultureInfo.InvariantCulture)}");
            if (call.Phase == CallPhase.Terminating && call.PendingEnd is { } reason)
            {
                End(call, reason);
            }
            return;
        }
        if (call.Phase != CallPhase.Answered)
        {
            Step(call, "ACK received");
            return;
        }
        call.Phase = CallPhase.Confirmed;
        call.SetAckReceived();
        Step(call, "ACK received: call confirmed");
        if (call.AnswerExpectedInAck)
        {
            MediaNegotiation? answer = null;
            try
            {
                answer = request.HasSdp ? MediaNegotiation.FromAnswer(SdpSession.Parse(request.BodyText)) : null;
            }
            catch (FormatException ex)
            {
                _logger.LogInformation("Virtual phone cannot read the answer in the ACK of {CallId}: {Reason}", request.CallId, ex.Message);
            }
            if (answer is not null)
            {
                StartMedia(call, answer);
                Step(call, "media from the ACK's answer: " + Describe(answer));
            }
            else
            {
                Step(call, "the ACK carried no usable SDP answer: no media");
            }
        }
        if (call.DigitDue)
        {
            PressDigit(call);
        }
    }

    private void OnCancel(SipRequest request, SipEndPoint source)
    {
        _callsByKey.TryGetValue(CallKey(request.CallId, request.From.Tag), out var call);
        // §9.2: the CANCEL matches the INVITE by its top Via branch (and the CSeq number).
        var transaction = call?.Invites.LastOrDefault(t => t.Branch == (request.TopVia.Branch ?? string.Empty) && t.CSeq == request.CSeq.Number);
        if (call is null || transaction is null)
        {
            _unknownDialogRequests++;
            Reply(request, CreateResponse(request, 481, "Call/Transaction Does Not Exist", _ids.NewTag(), source), source);
            return;
        }
        Reply(request, CreateResponse(request, 200, "OK", call.LocalTag, source), source);
        call.SetCancelReceived();
        if (transaction.HasFinal || call.IsEnded)
        {
            Step(call, "CANCEL received after the final response: 200 OK, no effect (RFC 3261 §9.2)");
            return;
        }
        Step(call, "CANCEL received: 200 OK sent");
        DisposeTimers(call);
        SendFinal(call, transaction, 487, "Request Terminated", VirtualCallEndReason.Cancelled);
    }

    private void OnInDialogRequest(SipRequest request, SipEndPoint source)
    {
        _callsByKey.TryGetValue(CallKey(request.CallId, request.From.Tag), out var call);
        if (call is null || request.To.Tag != call.LocalTag || (call.IsEnded && request.Method != SipMethods.Bye))
        {
            // §12.2.2: a request for a dialog we do not have.
            _unknownDialogRequests++;
            Reply(request, CreateResponse(request, 481, "Call/Transaction Does Not Exist", null, source), source);
            return;
        }
        switch (request.Method)
        {
            case SipMethods.Bye:
                Reply(request, CreateResponse(request, 200, "OK", null, source), source);
                call.SetByeReceived();
                if (call.IsEnded)
                {
                    Step(call, "BYE received after the end: 200 OK sent");
                    return;
                }
                Step(call, "BYE received: 200 OK sent");
                if (!call.CurrentInvite.HasFinal)
                {
                    // §15.1.2: a BYE in an early dialog ends the pending INVITE with 487.
                    SendFinal(call, call.CurrentInvite, 487, "Request Terminated", endAfterAck: null);
                }
                End(call, VirtualCallEndReason.CallerHungUp);
                return;
            case SipMethods.Invite:
                OnReInvite(call, request, source);
                return;
            default:
                // INFO, UPDATE, OPTIONS inside the call: accepted; an UPDATE offer gets our unchanged SDP back.
                var ok = CreateResponse(request, 200, "OK", null, source);
                if (request.Method == SipMethods.Update && request.HasSdp && call.LocalSdp is { } sdp)
                {
                    ok.Headers.Add("Content-Type", "application/sdp");
                    ok.Body = Encoding.UTF8.GetBytes(sdp);
                }
                Reply(request, ok, source);
                Step(call, $"{request.Method} received: 200 OK sent");
                return;
        }
    }

    /// <summary>A re-INVITE (hold, refresh): 200 with our unchanged SDP (RFC 3264 §8), retransmitted until its ACK.</summary>
    private void OnReInvite(VirtualCall call, SipRequest request, SipEndPoint source)
    {
        if (call.Invites.FirstOrDefault(t => t.IsRetransmission(request)) is { } known)
        {
            call.AddInviteRetransmission();
            if (known.LastResponse is { } last)
            {
                Send(last, source);
            }
            return;
        }
        var transaction = new InviteServerTransaction(request, source);
        call.Invites.Add(transaction);
        if (request.HasSdp && call.Rtp is { } rtp)
        {
            try
            {
                if (MediaNegotiation.FromAnswer(SdpSession.Parse(request.BodyText)) is { } media)
                {
                    call.Media = media;
                    rtp.SetRemote(media, source.Address.Address);
                }
            }
            catch (FormatException ex)
            {
                _logger.LogInformation("Virtual phone ignores the unusable SDP of a re-INVITE: {Reason}", ex.Message);
            }
        }
        var ok = CreateResponse(request, 200, "OK", null, source);
        AddDialogHeaders(request, ok, call);
        ok.Headers.Add("Allow", Allowed);
        if (call.LocalSdp is { } sdp)
        {
            ok.Headers.Add("Content-Type", "application/sdp");
            ok.Body = Encoding.UTF8.GetBytes(sdp);
        }
        transaction.LastResponse = ok;
        StartRetransmissions(call, transaction);
        Send(ok, source);
        Step(call, "re-INVITE received: 200 OK sent");
    }

    // ------------------------------------------------------------------ requests from the line

    private (SipRequest Request, SipEndPoint Destination) BuildInDialogRequest(VirtualCall call, string method)
    {
        // §12.2.1.1 to the caller's Contact (Record-Route is not followed: the phone is meant to be called directly).
        var target = call.RemoteTarget;
        var destination = IPAddress.TryParse(target.Host.Trim('[', ']'), out var address)
            ? new SipEndPoint(SipTransportProtocol.Udp, new IPEndPoint(address, target.EffectivePort))
            : call.Source;
        var local = _transport.SocketAddressFor(destination);
        var request = new SipRequest(method, target);
        request.Headers.Add("Via", new ViaHeader("UDP", FormatHost(local.Address), local.Port,
            [new("branch", _ids.NewBranch()), new("rport", null)]).ToString());
        request.Headers.Add("Max-Forwards", "70");
        request.Headers.Add("From", call.LocalParty);
        request.Headers.Add("To", call.RemoteParty);
        request.Headers.Add("Call-ID", call.CallId);
        call.LocalCSeq++;
        request.Headers.Add("CSeq", new CSeqHeader(call.LocalCSeq, method).ToString());
        request.Headers.Add("User-Agent", _options.UserAgent);
        return (request, destination);
    }

    /// <summary>BYE or INFO as a client transaction (Timer E retransmissions until the caller answers).</summary>
    private void SendInDialogRequest(VirtualCall call, string method, string? contentType = null, string? body = null)
    {
        var (request, destination) = BuildInDialogRequest(call, method);
        if (body is not null)
        {
            request.Headers.Add("Content-Type", contentType ?? "text/plain");
            request.Body = Encoding.UTF8.GetBytes(body);
        }
        var transaction = _transactions.StartNonInvite(request, destination);
        _ = transaction.FinalResponse.ContinueWith(
            t => _logger.LogDebug("Virtual phone's {Method} answered {Status}", method, t.IsCompletedSuccessfully ? t.Result?.StatusCode : null),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    // ------------------------------------------------------------------ retransmissions and timers

    private void StartRetransmissions(VirtualCall call, InviteServerTransaction transaction)
    {
        transaction.StopRetransmissions();
        if (transaction.Source.IsReliable)
        {
            return;
        }
        transaction.Interval = _options.Timers.T1;
        transaction.GiveUpAt = _time.GetUtcNow() + _options.Timers.TransactionTimeout;
        ScheduleRetransmission(call, transaction);
    }

    private void ScheduleRetransmission(VirtualCall call, InviteServerTransaction transaction)
    {
        var wait = transaction.GiveUpAt - _time.GetUtcNow();
        wait = wait < transaction.Interval ? wait : transaction.Interval;
        transaction.RetransmitTimer = _time.CreateTimer(_ => Locked(() => OnRetransmitTimer(call, transaction)), null,
            wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    /// <summary>§13.3.1.4 (2xx) and §17.2.1 Timer G/H (refusals): again at T1, 2·T1… up to T2; after 64·T1, give up.</summary>
    private void OnRetransmitTimer(VirtualCall call, InviteServerTransaction transaction)
    {
        if (_disposed || transaction.Acked || transaction.RetransmitTimer is null)
        {
            return;
        }
        transaction.StopRetransmissions();
        if (_time.GetUtcNow() >= transaction.GiveUpAt)
        {
            OnAckTimeout(call, transaction);
            return;
        }
        Send(transaction.LastResponse!, transaction.Source);
        call.AddResponseRetransmission();
        var doubled = transaction.Interval * 2;
        transaction.Interval = doubled < _options.Timers.T2 ? doubled : _options.Timers.T2;
        ScheduleRetransmission(call, transaction);
    }

    private void OnAckTimeout(VirtualCall call, InviteServerTransaction transaction)
    {
        if (call.IsEnded)
        {
            return;
        }
        if (transaction.IsSuccess && call.Phase == CallPhase.Answered)
        {
            Step(call, "no ACK for the 200 OK within 64·T1: BYE sent (RFC 3261 §13.3.1.4)");
            SendInDialogRequest(call, SipMethods.Bye);
            call.SetByeSent();
            End(call, VirtualCallEndReason.NoAck);
        }
        else if (!transaction.IsSuccess && call.Phase == CallPhase.Terminating && call.PendingEnd is { } reason)
        {
            Step(call, "no ACK for the final response within 64·T1 (Timer H)");
            End(call, reason);
        }
    }

    private void Schedule(VirtualCall call, TimeSpan delay, Action<VirtualCall> action)
    {
        if (delay <= TimeSpan.Zero)
        {
            action(call);
            return;
        }
        call.Timers.Add(_time.CreateTimer(_ => Locked(() =>
        {
            if (!_disposed && !call.IsEnded)
            {
                action(call);
            }
        }), null, delay, Timeout.InfiniteTimeSpan));
    }

    private static void DisposeTimers(VirtualCall call)
    {
        foreach (var timer in call.Timers)
        {
            timer.Dispose();
        }
        call.Timers.Clear();
    }

    // ------------------------------------------------------------------ end

    private void End(VirtualCall call, VirtualCallEndReason reason)
    {
        if (call.IsEnded)
        {
            return;
        }
        DisposeTimers(call);
        foreach (var transaction in call.Invites)
        {
            transaction.StopRetransmissions();
        }
        call.SetEnded(reason, _time.GetUtcNow());
        call.Phase = CallPhase.Ended;
        if (call.Rtp is { } rtp)
        {
            call.Rtp = null;
            Track(Task.Run(async () => await rtp.DisposeAsync().ConfigureAwait(false)));
        }
        Step(call, "call ended: " + reason);
        _logger.LogInformation("Virtual phone call: {Call}", call);
        RaiseCallEnded(call);
        CheckWaiters(call);
    }

    /// <summary>The phone stops: a BYE (sent once) for answered calls, 480 for the others still pending.</summary>
    private void EndOnShutdown(VirtualCall call)
    {
        if (call.Phase is CallPhase.Answered or CallPhase.Confirmed)
        {
            var (bye, destination) = BuildInDialogRequest(call, SipMethods.Bye);
            Send(bye, destination);
            call.SetByeSent();
            Step(call, "BYE sent: the phone is stopping");
        }
        else if (call.Invites.Count > 0 && !call.CurrentInvite.HasFinal)
        {
            var transaction = call.CurrentInvite;
            var unavailable = CreateResponse(transaction.Request, 480, "Temporarily Unavailable", call.LocalTag, transaction.Source);
            transaction.LastResponse = unavailable;
            call.SetFinalStatus(480);
            Send(unavailable, transaction.Source);
            Step(call, "480 Temporarily Unavailable sent: the phone is stopping");
        }
        End(call, VirtualCallEndReason.Shutdown);
    }

    private void Track(Task task)
    {
        _background.RemoveAll(t => t.IsCompleted);
        _background.Add(task);
    }

    private void Step(VirtualCall call, string description)
    {
        call.AddStep(_time.GetUtcNow(), description);
        _logger.LogInformation("Virtual phone {User} <- {Caller}: {Step}", call.User, call.Caller, description);
    }
}
