using System.Net;
using System.Text;
using System.Threading.Channels;
using Hardware.Sip.Audio;
using Hardware.Sip.Auth;
using Hardware.Sip.Dialogs;
using Hardware.Sip.Messages;
using Hardware.Sip.Rtp;
using Hardware.Sip.Sdp;
using Hardware.Sip.Transactions;
using Hardware.Sip.Transport;
using Microsoft.Extensions.Logging;

namespace Hardware.Sip.Calls;

/// <summary>
/// One outgoing call from INVITE to BYE: authentication retries, provisional responses, CANCEL on ring
/// timeout, the ACK rules of §13.2.2.4 / §17.1.1.3, then the message loop until the digit arrives.
/// All state is owned by <see cref="RunAsync"/>, which reads one event queue.
/// </summary>
internal sealed class OutgoingCall
{
    private readonly SipStack _stack;
    private readonly SipUri _target;
    private readonly CallRequest _request;
    private readonly CallTimeline _timeline;
    private readonly ILogger _logger;
    private readonly Channel<CallEvent> _events = Channel.CreateUnbounded<CallEvent>();
    private readonly List<ITimer> _timers = [];
    private readonly StringBuilder _digits = new();
    private readonly HashSet<(uint CSeq, int Status, string? ToTag)> _provisionalsSeen = [];
    private readonly string _callId;
    private readonly string _fromTag;
    private readonly NameAddress _to;
    private readonly DigestAuthenticator? _authenticator;
    private NameAddress _from = null!; // set once the local address toward the first hop is known
    private SdpOffer? _offer;
    private MediaNegotiation? _earlyMedia;
    private MediaNegotiation? _media;
    private RtpSession? _rtp;
    private SipDialog? _dialog;
    private SipRequest? _invite;
    private SipEndPoint _firstHop;
    private SipRequest? _ackFor2xx;
    private SipEndPoint _ackDestination;
    private InDialogRequestHandler? _requests;
    private DateTimeOffset _startedAt;
    private DateTimeOffset? _answeredAt;
    private CancellationToken _cancellationToken;

    public OutgoingCall(SipStack stack, SipUri target, CallRequest request, IProgress<CallStep>? progress)
    {
        _stack = stack;
        _target = target;
        _request = request;
        _logger = stack.LoggerFactory.CreateLogger("Hardware.Sip.Calls");
        _timeline = new CallTimeline(stack.Time, progress, _logger);
        var account = stack.Account;
        _callId = stack.Ids.NewCallId("panic-edge");
        _fromTag = stack.Ids.NewTag();
        _to = new NameAddress(target.WithoutParameter("transport"));
        if (account.Password is not null)
        {
            _authenticator = new DigestAuthenticator(account.EffectiveAuthUserName, account.Password, stack.Ids);
        }
    }

    public async Task<CallResult> RunAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _cancellationToken = cancellationToken;
        _startedAt = _stack.Time.GetUtcNow();
        using var registration = _stack.RegisterDialog(_callId, new DialogHandlers(OnRequest, r => Post(new StrayResponse(r))));
        using var cancellation = cancellationToken.Register(() => Post(new TimerFired(CallTimer.Cancelled)));
        try
        {
            var proxy = _stack.Account.OutboundProxy;
            try
            {
                _firstHop = await _stack.ResolveAsync(proxy ?? _target, cancellationToken).ConfigureAwait(false);
            }
            catch (SipResolutionException ex)
            {
                _timeline.Add(CallStepKind.Failed, ex.Message);
                return Finish(CallOutcome.Unreachable, new CallFailure(CallFailureKind.DnsFailure, ex.Message));
            }
            var localAddress = _stack.Transport.SocketAddressFor(_firstHop).Address;
            // Without a registrar our address of record lives on this host (as any UA with no account would say).
            var aor = _stack.Account.AddressOfRecord(SipStack.FormatHost(localAddress));
            _from = new NameAddress(aor, _stack.Account.DisplayName, [new("tag", _fromTag)]);
            _rtp = RtpSession.Open(localAddress, _stack.Ids.Random, _stack.Time, _stack.LoggerFactory.CreateLogger("Hardware.Sip.Rtp"));
            _rtp.DigitReceived += (_, digit) => Post(new DigitReceived(digit));
            _offer = new SdpOffer(localAddress, _rtp.LocalEndPoint.Port, _stack.Ids.NewSessionId());
            _requests = new InDialogRequestHandler(_stack, _offer, _rtp, () => _dialog, SignallingPeer,
                digit => Post(new DigitReceived(digit)), after => StartTimer(CallTimer.ResponseRetransmit, after), _logger);
            return await SetUpAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException ex)
        {
            // A peer message we could parse but not use (no To, bad CSeq…): end cleanly rather than throw.
            _timeline.Add(CallStepKind.Failed, "protocol error: " + ex.Message);
            await HangUpAsync().ConfigureAwait(false);
            return Finish(CallOutcome.Failed, new CallFailure(CallFailureKind.ProtocolError, ex.Message));
        }
        finally
        {
            foreach (var timer in _timers)
            {
                await timer.DisposeAsync().ConfigureAwait(false);
            }
            if (_rtp is not null)
            {
                await _rtp.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private void Post(CallEvent callEvent) => _events.Writer.TryWrite(callEvent);

    private void StartTimer(CallTimer timer, TimeSpan after)
    {
        lock (_timers)
        {
            _timers.Add(_stack.Time.CreateTimer(_ => Post(new TimerFired(timer)), null, after, Timeout.InfiniteTimeSpan));
        }
    }

    // ---------------------------------------------------------------- INVITE until a final response

    private async Task<CallResult> SetUpAsync(CancellationToken cancellationToken)
    {
        uint cseq = 1;
        var authRounds = 0;
        var transaction = await SendInviteAsync(cseq, cancellationToken).ConfigureAwait(false);
        if (transaction is null)
        {
            return Finish(CallOutcome.Unreachable, new CallFailure(CallFailureKind.NetworkError, "INVITE could not be sent."));
        }
        StartTimer(CallTimer.Ring, _request.RingTimeout);
        var provisionalSeen = false;
        var cancelRequested = false;
        var cancelledByCaller = false;
        var cancelSent = false;
        while (true)
        {
            var next = await _events.Reader.ReadAsync(CancellationToken.None).ConfigureAwait(false);
            switch (next)
            {
                case ProvisionalReceived p when p.CSeq == cseq:
                    provisionalSeen = true;
                    OnProvisional(p.Response);
                    if (cancelRequested && !cancelSent)
                    {
                        // §9.1: CANCEL only once a provisional response has arrived.
                        cancelSent = SendCancel(transaction.Request, cancelledByCaller);
                    }
                    break;

                case InviteCompleted c when c.Transaction == transaction:
                    if (c.Error is not null)
                    {
                        _timeline.Add(CallStepKind.Failed, "INVITE could not be sent: " + c.Error.Message);
                        return Finish(CallOutcome.Unreachable, new CallFailure(CallFailureKind.NetworkError, c.Error.Message));
                    }
                    if (c.Response is null)
                    {
                        if (cancelSent)
                        {
                            return EndCancelled(cancelledByCaller, "no final response after CANCEL");
                        }
                        _timeline.Add(CallStepKind.Failed, "no response to INVITE");
                        return Finish(CallOutcome.Unreachable, new CallFailure(CallFailureKind.NoResponse,
                            $"No response within {_stack.Options.Timers.TransactionTimeout.TotalSeconds:0.#} s (Timer B)."));
                    }
                    var response = c.Response;
                    if (response.IsSuccess)
                    {
                        if (cancelSent || cancelRequested)
                        {
                            // The 200 crossed our CANCEL: the call exists, so ACK it and hang up (protocols.md §1.4).
                            await AcknowledgeAnswerAsync(response, cancellationToken: CancellationToken.None).ConfigureAwait(false);
                            _timeline.Add(CallStepKind.Answered, "answered after CANCEL: acknowledging and hanging up", response.StatusCode);
                            await HangUpAsync().ConfigureAwait(false);
                            return EndCancelled(cancelledByCaller, "answered after CANCEL", response);
                        }
                        return await ConverseAsync(response).ConfigureAwait(false);
                    }
                    if (response.StatusCode is 401 or 407 && !cancelRequested)
                    {
                        var decision = _authenticator?.OnChallenge(response) ?? ChallengeDecision.Unsupported;
                        if (decision == ChallengeDecision.Retry && ++authRounds <= _stack.Options.MaxAuthenticationAttempts)
                        {
                            _timeline.Add(CallStepKind.AuthenticationChallenged, $"{response.StatusCode} {response.Reason}", response.StatusCode);
                            cseq++;
                            transaction = await SendInviteAsync(cseq, cancellationToken).ConfigureAwait(false);
                            if (transaction is null)
                            {
                                return Finish(CallOutcome.Unreachable, new CallFailure(CallFailureKind.NetworkError, "INVITE could not be sent."));
                            }
                            break;
                        }
                        _timeline.Add(CallStepKind.Rejected, $"{response.StatusCode} {response.Reason}", response.StatusCode);
                        return Finish(CallOutcome.Failed, new CallFailure(
                            decision == ChallengeDecision.Rejected || authRounds > _stack.Options.MaxAuthenticationAttempts
                                ? CallFailureKind.AuthenticationRejected
                                : CallFailureKind.AuthenticationUnsupported,
                            $"{response.StatusCode} {response.Reason}"), response);
                    }
                    _timeline.Add(CallStepKind.Rejected, $"{response.StatusCode} {response.Reason}", response.StatusCode);
                    if (cancelSent && response.StatusCode == 487)
                    {
                        return EndCancelled(cancelledByCaller, "487 after CANCEL", response);
                    }
                    return FinishForStatus(response);

                case StrayResponse s when s.Response.IsSuccess && s.Response.CSeq.Method == SipMethods.Invite:
                    // A 2xx after the INVITE transaction is gone (a retransmission we ACK again, or another fork).
                    await AcknowledgeStray2xxAsync(s.Response).ConfigureAwait(false);
                    break;

                case TimerFired { Timer: CallTimer.Ring or CallTimer.Cancelled } t:
                    if (cancelRequested)
                    {
                        break;
                    }
                    cancelRequested = true;
                    cancelledByCaller = t.Timer == CallTimer.Cancelled;
                    if (provisionalSeen)
                    {
                        cancelSent = SendCancel(transaction.Request, cancelledByCaller);
                    }
                    else if (cancelledByCaller)
                    {
                        // §9.1 forbids CANCEL before a provisional; our caller wants out now, so the INVITE is abandoned.
                        transaction.Dispose();
                        return EndCancelled(byCaller: true, "abandoned before any provisional response");
                    }
                    else
                    {
                        _timeline.Add(CallStepKind.Cancelling, "no provisional response yet: waiting for one before CANCEL (RFC 3261 §9.1)");
                    }
                    break;

                case TimerFired { Timer: CallTimer.CancelGuard }:
                    // §9.1: if no final response arrives within 64·T1 of the CANCEL, give the INVITE up.
                    transaction.Dispose();
                    return EndCancelled(cancelledByCaller, "no final response after CANCEL");

                case RequestReceived r:
                    _requests!.Handle(r.Request, r.Source);
                    break;

                case DigitReceived d:
                    _digits.Append(d.Digit);
                    _timeline.Add(CallStepKind.DigitReceived, $"'{d.Digit}' (early media)");
                    break;
            }
        }
    }

    private async Task<ClientInviteTransaction?> SendInviteAsync(uint cseq, CancellationToken cancellationToken)
    {
        var routes = _stack.Account.OutboundProxy is { } proxy
            ? new[] { new NameAddress(proxy.IsLooseRouter ? proxy : proxy.WithParameter("lr", null)).ToString() }
            : [];
        var invite = _stack.CreateRequest(SipMethods.Invite, _target, _from, _to, _callId, cseq, _firstHop, routes);
        invite.Headers.Add("Contact", new NameAddress(_stack.ContactFor(_firstHop)).ToString());
        invite.Headers.Add("Allow", SipMethods.Allowed);
        // No "Supported: 100rel/timer": we implement neither PRACK nor session-timer refreshing (protocols.md §1.6).
        invite.Headers.Add("Content-Type", "application/sdp");
        invite.Body = Encoding.UTF8.GetBytes(_offer!.Build());
        _authenticator?.Authorize(invite);
        SipEndPoint destination;
        try
        {
            destination = await _stack.PrepareSendAsync(invite, _firstHop, cancellationToken).ConfigureAwait(false);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            _timeline.Add(CallStepKind.Failed, "cannot reach next hop: " + ex.Message);
            return null;
        }
        _firstHop = destination;
        _invite = invite;
        // The final response is queued from the receiving thread, like the provisionals, strays and requests: a
        // continuation on FinalResponse would run later on the thread pool, and under load a retransmitted 2xx
        // (RFC 3261 §13.2.2.4) or the callee's first in-dialog request could overtake it and meet no dialog yet.
        var transaction = _stack.Transactions.StartInvite(invite, destination, r => Post(new ProvisionalReceived(cseq, r)),
            t => Post(new InviteCompleted((ClientInviteTransaction)t, t.FinalResponse.IsCompletedSuccessfully ? t.FinalResponse.Result : null,
                t.FinalResponse.Exception?.InnerException)));
        _timeline.Add(CallStepKind.InviteSent, $"INVITE {_target} (CSeq {cseq}, {destination})");
        return transaction;
    }

    private void OnProvisional(SipResponse response)
    {
        // A retransmitted INVITE makes the callee repeat its last provisional: report each one once.
        if (!_provisionalsSeen.Add((response.CSeq.Number, response.StatusCode, response.To.Tag)))
        {
            return;
        }
        switch (response.StatusCode)
        {
            case 100:
                _timeline.Add(CallStepKind.Trying, $"{response.StatusCode} {response.Reason}", response.StatusCode);
                break;
            case 183 when response.HasSdp:
                _timeline.Add(CallStepKind.EarlyMedia, $"{response.StatusCode} {response.Reason} with SDP", response.StatusCode);
                // Early media: listen (DTMF from an IVR may come this way); send nothing before the answer.
                if (TryNegotiate(response) is { } early)
                {
                    _rtp!.SetRemote(early, SignallingPeer());
                }
                break;
            default:
                _timeline.Add(CallStepKind.Ringing, $"{response.StatusCode} {response.Reason}", response.StatusCode);
                break;
        }
    }

    private bool SendCancel(SipRequest invite, bool byCaller)
    {
        var cancel = ClientInviteTransaction.BuildCancel(invite);
        cancel.Headers.Add("User-Agent", _stack.Options.UserAgent);
        _stack.Transactions.StartNonInvite(cancel, _firstHop);
        _timeline.Add(CallStepKind.Cancelling, byCaller ? "CANCEL: call cancelled by caller" : $"CANCEL: no answer within {_request.RingTimeout.TotalSeconds:0.#} s");
        StartTimer(CallTimer.CancelGuard, _stack.Options.Timers.TransactionTimeout);
        return true;
    }

    private CallResult EndCancelled(bool byCaller, string detail, SipResponse? response = null)
    {
        if (byCaller)
        {
            _timeline.Add(CallStepKind.Ended, "cancelled by caller: " + detail);
            throw new OperationCanceledException("The call was cancelled by the caller.", _cancellationToken);
        }
        return Finish(CallOutcome.NoAnswer, new CallFailure(CallFailureKind.StatusCode,
            $"No answer within {_request.RingTimeout.TotalSeconds:0.#} s ({detail})."), response);
    }

    // ---------------------------------------------------------------- answered: play, listen, hang up

    private async Task<CallResult> ConverseAsync(SipResponse answer)
    {
        _answeredAt = _stack.Time.GetUtcNow();
        await AcknowledgeAnswerAsync(answer, CancellationToken.None).ConfigureAwait(false);
        _timeline.Add(CallStepKind.Answered, $"{answer.StatusCode} {answer.Reason} from {RemoteParty(answer)}", answer.StatusCode);
        var media = TryNegotiate(answer) ?? _earlyMedia;
        if (media is null)
        {
            _timeline.Add(CallStepKind.Failed, "answer has no usable audio (no PCMU/PCMA or no address)");
            await HangUpAsync().ConfigureAwait(false);
            return Finish(CallOutcome.Answered, new CallFailure(CallFailureKind.NoCommonCodec, "The answer offered no PCMU/PCMA stream."),
                answer, CallEndReason.MediaFailure);
        }
        _media = media;
        var playback = new MessagePlayback(_request.Message, _request.RepeatMessage, _request.PauseBetweenRepetitions);
        playback.PlayCompleted += (_, count) => Post(new MessagePlayCompleted(count));
        _rtp!.SetRemote(media, SignallingPeer());
        _rtp.StartSending(media.Codec, playback);
        _logger.LogInformation("Media: {Codec} to {Remote}, telephone-event PT {Pt}", media.Codec, media.RemoteEndPoint,
            media.TelephoneEventPayloadType?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none");
        StartTimer(CallTimer.MaxDuration, _request.MaxCallDuration);
        CallEndReason reason;
        while (true)
        {
            var next = await _events.Reader.ReadAsync(CancellationToken.None).ConfigureAwait(false);
            switch (next)
            {
                case DigitReceived d:
                    _digits.Append(d.Digit);
                    _timeline.Add(CallStepKind.DigitReceived, $"'{d.Digit}'");
                    if (d.Digit == _request.AcknowledgementDigit)
                    {
                        reason = CallEndReason.Acknowledged;
                        goto hangUp;
                    }
                    break;
                case MessagePlayCompleted m:
                    _timeline.Add(CallStepKind.MessagePlayed, $"message played {m.Count} time(s)");
                    if (_request.AcknowledgementDigit is null)
                    {
                        reason = CallEndReason.MessagePlayed;
                        goto hangUp;
                    }
                    break;
                case TimerFired { Timer: CallTimer.MaxDuration }:
                    reason = CallEndReason.MaxDurationReached;
                    goto hangUp;
                case TimerFired { Timer: CallTimer.Cancelled }:
                    reason = CallEndReason.Cancelled;
                    goto hangUp;
                case TimerFired { Timer: CallTimer.ResponseRetransmit }:
                    _requests!.RetransmitPending2xx();
                    break;
                case StrayResponse s when s.Response.IsSuccess && s.Response.CSeq.Method == SipMethods.Invite:
                    await AcknowledgeStray2xxAsync(s.Response).ConfigureAwait(false);
                    break;
                case RequestReceived r:
                    if (_requests!.Handle(r.Request, r.Source))
                    {
                        _timeline.Add(CallStepKind.HungUpByRemote, "BYE received");
                        return Finish(CallOutcome.Answered, null, answer, CallEndReason.RemoteHangUp, playback.CompletedPlays);
                    }
                    break;
            }
        }
    hangUp:
        await HangUpAsync().ConfigureAwait(false);
        if (reason == CallEndReason.Cancelled)
        {
            _timeline.Add(CallStepKind.Ended, "cancelled by caller");
            throw new OperationCanceledException("The call was cancelled by the caller.", _cancellationToken);
        }
        return Finish(CallOutcome.Answered, null, answer, reason, playback.CompletedPlays);
    }

    private MediaNegotiation? TryNegotiate(SipResponse response)
    {
        if (!response.HasSdp)
        {
            return null;
        }
        try
        {
            var media = MediaNegotiation.FromAnswer(SdpSession.Parse(response.BodyText));
            if (response.IsProvisional)
            {
                _earlyMedia = media;
            }
            return media;
        }
        catch (FormatException ex)
        {
            _logger.LogWarning("Unusable SDP in {Status}: {Reason}", response.StatusCode, ex.Message);
            return null;
        }
    }

    private IPAddress? SignallingPeer() => _firstHop.Address?.Address;

    /// <summary>§13.2.2.4: the ACK for a 2xx is a new transaction to the remote target, through the route set, with the INVITE's CSeq number.</summary>
    private async Task AcknowledgeAnswerAsync(SipResponse answer, CancellationToken cancellationToken)
    {
        _dialog = SipDialog.FromResponse(_invite!, answer);
        var (requestUri, routes, nextHop) = _dialog.Target();
        try
        {
            _ackDestination = await _stack.ResolveAsync(nextHop, cancellationToken).ConfigureAwait(false);
        }
        catch (SipResolutionException ex)
        {
            _logger.LogWarning("Cannot resolve the ACK's next hop {Hop}: {Reason}", nextHop, ex.Message);
            _ackDestination = _firstHop;
        }
        var ack = _stack.CreateRequest(SipMethods.Ack, requestUri, _dialog.Local, _dialog.Remote, _callId,
            _invite!.CSeq.Number, _ackDestination, routes);
        CopyAuthorization(_invite, ack);
        _ackFor2xx = ack;
        await SendQuietlyAsync(ack, _ackDestination).ConfigureAwait(false);
    }

    private async Task AcknowledgeStray2xxAsync(SipResponse response)
    {
        if (_dialog is not null && _ackFor2xx is not null && response.To.Tag == _dialog.RemoteTag)
        {
            // The UAS retransmits its 2xx until it sees our ACK: send the same ACK again (§13.2.2.4).
            await SendQuietlyAsync(_ackFor2xx, _ackDestination).ConfigureAwait(false);
            return;
        }
        // A 2xx from another fork (or before we settled on one): ACK it and end that dialog with BYE.
        var forkDialog = SipDialog.FromResponse(_invite!, response);
        var (requestUri, routes, nextHop) = forkDialog.Target();
        var destination = await _stack.ResolveAsync(nextHop, CancellationToken.None).ConfigureAwait(false);
        var ack = _stack.CreateRequest(SipMethods.Ack, requestUri, forkDialog.Local, forkDialog.Remote, _callId,
            _invite!.CSeq.Number, destination, routes);
        await SendQuietlyAsync(ack, destination).ConfigureAwait(false);
        var bye = _stack.CreateRequest(SipMethods.Bye, requestUri, forkDialog.Local, forkDialog.Remote, _callId,
            forkDialog.NextCSeq(), destination, routes);
        _stack.Transactions.StartNonInvite(bye, destination);
        _logger.LogInformation("Extra 2xx from fork {Tag}: ACKed and sent BYE", response.To.Tag);
    }

    private static void CopyAuthorization(SipRequest from, SipRequest to)
    {
        // Credentials that a proxy accepted for the INVITE are valid for its ACK (§22.1).
        foreach (var name in new[] { "Authorization", "Proxy-Authorization" })
        {
            foreach (var value in from.Headers.GetAll(name))
            {
                to.Headers.Add(name, value);
            }
        }
    }

    private async Task HangUpAsync()
    {
        if (_dialog is null)
        {
            return;
        }
        var (requestUri, routes, nextHop) = _dialog.Target();
        SipEndPoint destination;
        try
        {
            destination = await _stack.ResolveAsync(nextHop, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SipResolutionException)
        {
            destination = _ackDestination;
        }
        for (var round = 0; round <= 1; round++)
        {
            var bye = _stack.CreateRequest(SipMethods.Bye, requestUri, _dialog.Local, _dialog.Remote, _callId, _dialog.NextCSeq(), destination, routes);
            if (round > 0)
            {
                _authenticator?.Authorize(bye);
            }
            _timeline.Add(CallStepKind.HungUpByUs, "BYE sent");
            var transaction = _stack.Transactions.StartNonInvite(bye, destination);
            // The session is over once BYE is sent (§15.1.1); wait briefly for its answer, not a whole Timer F.
            var waited = await Task.WhenAny(transaction.FinalResponse, Task.Delay(_stack.Options.Timers.T1 * 8, _stack.Time)).ConfigureAwait(false);
            if (waited != transaction.FinalResponse || !transaction.FinalResponse.IsCompletedSuccessfully
                || transaction.FinalResponse.Result is not { } response)
            {
                return;
            }
            if (response.StatusCode is 401 or 407 && round == 0 && _authenticator?.OnChallenge(response) == ChallengeDecision.Retry)
            {
                continue;
            }
            return;
        }
    }

    private async Task SendQuietlyAsync(SipMessage message, SipEndPoint destination)
    {
        try
        {
            await _stack.SendAsync(message, destination, CancellationToken.None).ConfigureAwait(false);
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            _logger.LogInformation("Could not send {Message} to {Destination}: {Error}", (message as SipRequest)?.Method, destination, ex.Message);
        }
    }

    // ---------------------------------------------------------------- requests from the other side

    private bool OnRequest(SipRequest request, SipEndPoint source)
    {
        // Only requests of our dialog are ours; anything else gets the stack's 481 (§12.2.2).
        if (request.To.Tag != _fromTag)
        {
            return false;
        }
        Post(new RequestReceived(request, source));
        return true;
    }

    // ---------------------------------------------------------------- results

    private CallResult FinishForStatus(SipResponse response)
    {
        var status = $"{response.StatusCode} {response.Reason}";
        return response.StatusCode switch
        {
            486 or 600 => Finish(CallOutcome.Busy, null, response),
            603 or 403 or 607 or 608 => Finish(CallOutcome.Declined, null, response),
            480 or 408 => Finish(CallOutcome.NoAnswer, new CallFailure(CallFailureKind.StatusCode, status), response),
            488 or 606 => Finish(CallOutcome.Failed, new CallFailure(CallFailureKind.NoCommonCodec, status), response),
            _ => Finish(CallOutcome.Failed, new CallFailure(CallFailureKind.StatusCode, status), response),
        };
    }

    private CallResult Finish(CallOutcome outcome, CallFailure? failure, SipResponse? response = null,
        CallEndReason? endReason = null, int plays = 0)
    {
        _timeline.Add(CallStepKind.Ended, endReason is { } r ? $"{outcome} ({r})" : outcome.ToString());
        return new CallResult
        {
            Target = _target,
            Outcome = outcome,
            EndReason = endReason,
            Acknowledged = endReason == CallEndReason.Acknowledged,
            DigitsReceived = _digits.ToString(),
            RemoteParty = response is null ? null : RemoteParty(response),
            FinalStatusCode = response?.StatusCode,
            FinalReasonPhrase = response?.Reason,
            Failure = failure,
            MessagePlays = plays,
            Media = _media,
            RtpPacketsSent = _rtp?.PacketsSent ?? 0,
            RtpAudioPacketsReceived = _rtp?.AudioPacketsReceived ?? 0,
            StartedAt = _startedAt,
            AnsweredAt = _answeredAt,
            EndedAt = _stack.Time.GetUtcNow(),
            Timeline = _timeline.Steps,
        };
    }

    private static string RemoteParty(SipResponse response)
    {
        try
        {
            var to = response.To;
            return new NameAddress(to.Uri, to.DisplayName).ToString();
        }
        catch (FormatException)
        {
            return response.Headers.Get("To") ?? string.Empty;
        }
    }
}
