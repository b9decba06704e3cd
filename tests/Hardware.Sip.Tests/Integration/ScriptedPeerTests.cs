using System.Net;
using System.Net.Sockets;
using Hardware.Sip.Auth;
using Hardware.Sip.Calls;
using Hardware.Sip.Messages;
using Hardware.Sip.Tests.Peers;
using Hardware.Sip.Transport;

namespace Hardware.Sip.Tests.Integration;

/// <summary>Dialog and transaction behaviour against a hand-driven peer on 127.0.0.1.</summary>
public sealed class ScriptedPeerTests
{
    [Fact]
    public async Task AnsweredCall_HandlesRetransmitted200_Options_ReInvite_Update_481_AndInfoDtmf()
    {
        using var peer = new ScriptedPeer();
        using var rtp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var rtpPort = ((IPEndPoint)rtp.Client.LocalEndPoint!).Port;
        await using var phone = new SipPhone(TestCalls.DirectAccount(), TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());
        var call = phone.CallAsync(SipUri.Parse($"sip:callee@127.0.0.1:{peer.Port}"), TestCalls.Request(),
            cancellationToken: TestContext.Current.CancellationToken);

        var invite = await peer.ExpectRequestAsync("INVITE");
        var ok = peer.Respond(invite, 200, "OK", "peer1", ScriptedPeer.Sdp(rtpPort));
        await peer.SendAsync(ok);
        var ack = await peer.ExpectRequestAsync("ACK");
        Assert.NotEqual(invite.TopVia.Branch, ack.TopVia.Branch);   // 2xx ACK is a new transaction
        Assert.Equal(new CSeqHeader(1, "ACK"), ack.CSeq);
        Assert.Equal($"sip:callee@127.0.0.1:{peer.Port}", ack.Uri.ToString()); // sent to the remote target

        // The 200 is retransmitted (our ACK "lost"): the same ACK again.
        await peer.SendAsync(ok);
        var ack2 = await peer.ExpectRetransmissionAsync(ack);
        Assert.Equal(ack.TopVia.Branch, ack2.TopVia.Branch);

        // In-dialog OPTIONS.
        await peer.SendAsync(peer.InDialogRequest("OPTIONS", invite, "peer1", 1));
        var options = await peer.ExpectResponseAsync();
        Assert.Equal(200, options.StatusCode);
        Assert.Contains("UPDATE", options.Headers.Get("Allow"), StringComparison.Ordinal);

        // re-INVITE putting us on hold: answered with our SDP, mirrored direction.
        await peer.SendAsync(peer.InDialogRequest("INVITE", invite, "peer1", 2, body: ScriptedPeer.Sdp(rtpPort, "sendonly", 2)));
        var reinviteOk = await peer.ExpectResponseAsync();
        Assert.Equal(200, reinviteOk.StatusCode);
        Assert.True(reinviteOk.HasSdp);
        Assert.Contains("a=recvonly", reinviteOk.BodyText, StringComparison.Ordinal);
        Assert.Contains("m=audio ", reinviteOk.BodyText, StringComparison.Ordinal);
        Assert.NotNull(reinviteOk.Contact);
        await peer.SendAsync(peer.InDialogRequest("ACK", invite, "peer1", 2));

        // UPDATE without an offer: plain 200.
        await peer.SendAsync(peer.InDialogRequest("UPDATE", invite, "peer1", 3));
        var update = await peer.ExpectResponseAsync();
        Assert.Equal(200, update.StatusCode);
        Assert.Empty(update.Body);

        // Requests for dialogs we do not have: 481.
        await peer.SendAsync(peer.InDialogRequest("BYE", invite, "peer1", 4, callIdOverride: "unknown-call@x"));
        Assert.Equal(481, (await peer.ExpectResponseAsync()).StatusCode);
        await peer.SendAsync(peer.InDialogRequest("BYE", invite, "peer1", 5, toTagOverride: "not-our-tag"));
        Assert.Equal(481, (await peer.ExpectResponseAsync()).StatusCode);

        // DTMF by SIP INFO (dtmf-relay) acknowledges; we hang up.
        await peer.SendAsync(peer.InDialogRequest("INFO", invite, "peer1", 6, contentType: "application/dtmf-relay", body: "Signal=1\r\nDuration=160\r\n"));
        Assert.Equal(200, (await peer.ExpectResponseAsync()).StatusCode);
        var bye = await peer.ExpectRequestAsync("BYE");
        Assert.Equal("peer1", bye.To.Tag);
        Assert.Equal(invite.From.Tag, bye.From.Tag);
        Assert.Equal(invite.CallId, bye.CallId);
        Assert.True(bye.CSeq.Number > invite.CSeq.Number);
        await peer.SendAsync(SipResponse.For(bye, 200, "OK"));

        var result = await call;
        Assert.Equal(CallOutcome.Answered, result.Outcome);
        Assert.True(result.Acknowledged);
        Assert.Equal("1", result.DigitsReceived);
        // Our RTP kept flowing to the peer while all this happened.
        var packet = await rtp.ReceiveAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(12 + 160, packet.Buffer.Length);
    }

    [Fact]
    public async Task A200RepeatedRightBehindTheFirst_IsAckedAgain_AndTheCallGoesOn()
    {
        // Regression: the call learnt of the 200 from a thread-pool continuation while a repeated 200, read right
        // behind it, was queued at once; under load the repeat came first, met no dialog yet, and was taken for another
        // fork's answer: ACKed with a new branch and hung up with BYE, killing the call the callee had just answered.
        using var peer = new ScriptedPeer();
        await using var stack = new SipStack(TestCalls.DirectAccount(), TestCalls.FastOptions(), TimeProvider.System,
            new SipIdGenerator(null), new TestLoggerFactory());
        stack.Start();
        // What SipPhone.CallAsync runs, on a stack whose receive path this test can drive.
        var call = new OutgoingCall(stack, SipUri.Parse($"sip:callee@127.0.0.1:{peer.Port}"), TestCalls.Request(), null)
            .RunAsync(TestContext.Current.CancellationToken);

        var invite = await peer.ExpectRequestAsync("INVITE");
        // A callee answers each retransmitted INVITE with its 200 again (§13.3.1.4): the 200 and two repeats, handed
        // to the stack as its UDP receive loop does, one after the other on one thread, without a pause between them.
        var ok = peer.Respond(invite, 200, "OK", "peer3", ScriptedPeer.Sdp(9)).ToBytes();
        var from = new SipEndPoint(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, peer.Port));
        for (var i = 0; i < 3; i++)
        {
            stack.Transport.MessageReceived!(SipMessageParser.Parse(ok), from);
        }

        var ack = await peer.ExpectRequestAsync("ACK");
        Assert.NotEqual(invite.TopVia.Branch, ack.TopVia.Branch);
        Assert.Equal("peer3", ack.To.Tag);
        // The same ACK for each repeat (§13.2.2.4), and nothing else: no ACK with a new branch nor a BYE for a "fork".
        await peer.ExpectRetransmissionAsync(ack);
        await peer.ExpectRetransmissionAsync(ack);
        // The call is still up: the digit is taken, and only then do we hang up.
        await peer.SendAsync(peer.InDialogRequest("INFO", invite, "peer3", 1, contentType: "application/dtmf-relay", body: "Signal=1\r\nDuration=160\r\n"));
        Assert.Equal(200, (await peer.ExpectResponseAsync()).StatusCode);
        var bye = await peer.ExpectRequestAsync("BYE");
        Assert.Equal("peer3", bye.To.Tag);
        await peer.SendAsync(SipResponse.For(bye, 200, "OK"));

        var result = await call;
        Assert.Equal(CallOutcome.Answered, result.Outcome);
        Assert.True(result.Acknowledged);
        Assert.Single(result.Timeline, s => s.Kind == CallStepKind.HungUpByUs);
    }

    [Fact]
    public async Task A200CrossingOurCancel_IsAckedThenHungUp()
    {
        using var peer = new ScriptedPeer();
        await using var phone = new SipPhone(TestCalls.DirectAccount(), TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());
        var progress = new StepRecorder();
        var call = phone.CallAsync(SipUri.Parse($"sip:callee@127.0.0.1:{peer.Port}"),
            TestCalls.Request(ringTimeout: TimeSpan.FromMilliseconds(300)), progress, TestContext.Current.CancellationToken);

        var invite = await peer.ExpectRequestAsync("INVITE");
        await peer.SendAsync(peer.Respond(invite, 180, "Ringing", "peer2"));
        var cancel = await peer.ExpectRequestAsync("CANCEL");
        Assert.Equal(invite.TopVia.Branch, cancel.TopVia.Branch);
        Assert.Equal(new CSeqHeader(invite.CSeq.Number, "CANCEL"), cancel.CSeq);
        Assert.Null(cancel.To.Tag);
        Assert.Equal(invite.Uri, cancel.Uri);
        await peer.SendAsync(SipResponse.For(cancel, 200, "OK", "peer2"));
        // ...but the callee picked up just before the CANCEL arrived.
        await peer.SendAsync(peer.Respond(invite, 200, "OK", "peer2", ScriptedPeer.Sdp(9)));

        var ack = await peer.ExpectRequestAsync("ACK");
        Assert.Equal("peer2", ack.To.Tag);
        var bye = await peer.ExpectRequestAsync("BYE");
        await peer.SendAsync(SipResponse.For(bye, 200, "OK"));

        var result = await call;
        Assert.Equal(CallOutcome.NoAnswer, result.Outcome);
        Assert.Contains(CallStepKind.Cancelling, progress.Kinds);
        Assert.Contains(CallStepKind.HungUpByUs, progress.Kinds);
    }

    [Fact]
    public async Task NoResponseAtAll_IsUnreachable_AfterTimerARetransmissions()
    {
        using var peer = new ScriptedPeer();
        var options = TestCalls.FastOptions() with { Timers = new() { T1 = TimeSpan.FromMilliseconds(20) } };
        await using var phone = new SipPhone(TestCalls.DirectAccount(), options, loggerFactory: new TestLoggerFactory());

        var result = await phone.CallAsync(SipUri.Parse($"sip:callee@127.0.0.1:{peer.Port}"), TestCalls.Request(),
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(CallOutcome.Unreachable, result.Outcome);
        Assert.Equal(CallFailureKind.NoResponse, result.Failure!.Kind);
        Assert.Null(result.FinalStatusCode);
        // Timer A: due at 0, 20, 60, 140, 300, 620 and 1260 ms, Timer B at 1280 ms. On a real clock the chained
        // retransmissions drift late, so the last one may lose the race with Timer B (the exact schedule is
        // pinned on a fake clock in TransactionTimerTests).
        var invites = new List<SipRequest>();
        while (await peer.TryReceiveAsync(TimeSpan.FromMilliseconds(200)) is SipRequest r)
        {
            invites.Add(r);
        }
        Assert.InRange(invites.Count, 6, 7);
        Assert.All(invites, r => Assert.Equal(invites[0].TopVia.Branch, r.TopVia.Branch));
    }

    [Fact]
    public async Task InviteChallengedWith401_IsAckedAndRetriedWithAuthorization_SameCallIdAndFromTag()
    {
        using var peer = new ScriptedPeer();
        var account = TestCalls.DirectAccount() with { Password = "pw", AuthUserName = "auth-panic1" };
        await using var phone = new SipPhone(account, TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());
        var call = phone.CallAsync(SipUri.Parse($"sip:callee@127.0.0.1:{peer.Port}"), TestCalls.Request(),
            cancellationToken: TestContext.Current.CancellationToken);

        var first = await peer.ExpectRequestAsync("INVITE");
        var challenge = peer.Respond(first, 401, "Unauthorized", "uas-tag");
        challenge.Headers.Add("WWW-Authenticate", "Digest realm=\"pbx\", nonce=\"n0nce\", qop=\"auth\", opaque=\"o1\"");
        await peer.SendAsync(challenge);
        var ack = await peer.ExpectRequestAsync("ACK");
        Assert.Equal(first.TopVia.Branch, ack.TopVia.Branch); // non-2xx ACK: same transaction

        var second = await peer.ExpectRequestAsync("INVITE");
        Assert.Equal(first.CallId, second.CallId);
        Assert.Equal(first.From.Tag, second.From.Tag);
        Assert.Null(second.To.Tag);
        Assert.Equal(first.CSeq.Number + 1, second.CSeq.Number);
        Assert.NotEqual(first.TopVia.Branch, second.TopVia.Branch);
        var fields = DigestChallenge.ParseParameters(second.Headers.Get("Authorization")!["Digest ".Length..]);
        Assert.Equal("auth-panic1", fields["username"]);
        Assert.Equal("o1", fields["opaque"]);
        var expected = DigestCalculator.ComputeResponse(DigestAlgorithm.Md5, "auth-panic1", "pbx", "pw", "INVITE",
            second.Uri.ToString(), "n0nce", "auth", fields["nc"], fields["cnonce"]);
        Assert.Equal(expected, fields["response"]);

        await peer.SendAsync(peer.Respond(second, 603, "Decline", "uas-tag2"));
        await peer.ExpectRequestAsync("ACK");
        var result = await call;
        Assert.Equal(CallOutcome.Declined, result.Outcome);
        Assert.Equal(603, result.FinalStatusCode);
    }

    [Fact]
    public async Task CancellingTheToken_WhileRinging_SendsCancel_ThenThrows()
    {
        using var peer = new ScriptedPeer();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        await using var phone = new SipPhone(TestCalls.DirectAccount(), TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());
        var ringing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new CallbackProgress(step =>
        {
            if (step.Kind == CallStepKind.Ringing)
            {
                ringing.TrySetResult();
            }
        });
        var call = phone.CallAsync(SipUri.Parse($"sip:callee@127.0.0.1:{peer.Port}"), TestCalls.Request(), progress, cts.Token);

        var invite = await peer.ExpectRequestAsync("INVITE");
        await peer.SendAsync(peer.Respond(invite, 180, "Ringing", "p"));
        await ringing.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        await cts.CancelAsync();
        var cancel = await peer.ExpectRequestAsync("CANCEL");
        await peer.SendAsync(SipResponse.For(cancel, 200, "OK", "p"));
        await peer.SendAsync(peer.Respond(invite, 487, "Request Terminated", "p"));
        await peer.ExpectRequestAsync("ACK");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task CancellingTheToken_BeforeAnyResponse_AbandonsTheInviteAtOnce()
    {
        using var peer = new ScriptedPeer();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        await using var phone = new SipPhone(TestCalls.DirectAccount(), TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());
        var call = phone.CallAsync(SipUri.Parse($"sip:callee@127.0.0.1:{peer.Port}"), TestCalls.Request(), cancellationToken: cts.Token);

        await peer.ExpectRequestAsync("INVITE");
        await cts.CancelAsync();

        // No CANCEL is allowed before a provisional response (RFC 3261 §9.1), and the caller is not kept waiting.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(2), TestContext.Current.CancellationToken));
        while (await peer.TryReceiveAsync(TimeSpan.FromMilliseconds(500)) is not null)
        {
        }
        Assert.DoesNotContain(peer.Received, m => m is SipRequest { Method: "CANCEL" });
    }

    [Fact]
    public async Task CancellingTheToken_DuringTheCall_SendsBye_ThenThrows()
    {
        using var peer = new ScriptedPeer();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        await using var phone = new SipPhone(TestCalls.DirectAccount(), TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());
        var call = phone.CallAsync(SipUri.Parse($"sip:callee@127.0.0.1:{peer.Port}"), TestCalls.Request(), cancellationToken: cts.Token);

        var invite = await peer.ExpectRequestAsync("INVITE");
        await peer.SendAsync(peer.Respond(invite, 200, "OK", "p", ScriptedPeer.Sdp(9)));
        await peer.ExpectRequestAsync("ACK");
        await cts.CancelAsync();
        var bye = await peer.ExpectRequestAsync("BYE");
        await peer.SendAsync(SipResponse.For(bye, 200, "OK"));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task EarlyMedia183_IsReported_AndItsDtmfIsHeardBeforeTheAnswer()
    {
        using var peer = new ScriptedPeer();
        using var rtp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var rtpPort = ((IPEndPoint)rtp.Client.LocalEndPoint!).Port;
        await using var phone = new SipPhone(TestCalls.DirectAccount(), TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());
        var earlyDigit = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new CallbackProgress(step =>
        {
            if (step.Kind == CallStepKind.DigitReceived)
            {
                earlyDigit.TrySetResult();
            }
        });
        var call = phone.CallAsync(SipUri.Parse($"sip:callee@127.0.0.1:{peer.Port}"), TestCalls.Request(), progress,
            TestContext.Current.CancellationToken);

        var invite = await peer.ExpectRequestAsync("INVITE");
        var ourRtp = Sdp.SdpSession.Parse(invite.BodyText).AudioEndPoint!;
        await peer.SendAsync(peer.Respond(invite, 183, "Session Progress", "early", ScriptedPeer.Sdp(rtpPort)));
        // An IVR in early media sends '5' (RFC 4733, PT 101 as in our 183's SDP).
        await SendDigitAsync(rtp, ourRtp, 5, timestamp: 8000);
        await earlyDigit.Task.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        await peer.SendAsync(peer.Respond(invite, 200, "OK", "early", ScriptedPeer.Sdp(rtpPort)));
        await peer.ExpectRequestAsync("ACK");
        await SendDigitAsync(rtp, ourRtp, 1, timestamp: 16000);
        var bye = await peer.ExpectRequestAsync("BYE");
        await peer.SendAsync(SipResponse.For(bye, 200, "OK"));

        var result = await call;
        Assert.Equal(CallOutcome.Answered, result.Outcome);
        Assert.True(result.Acknowledged);
        Assert.Equal("51", result.DigitsReceived);
        var early = Assert.Single(result.Timeline, s => s.Kind == CallStepKind.EarlyMedia);
        Assert.Equal(183, early.StatusCode);
    }

    [Fact]
    public async Task AnswerWithoutToHeader_IsAProtocolError_NotAnException()
    {
        using var peer = new ScriptedPeer();
        await using var phone = new SipPhone(TestCalls.DirectAccount(), TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());
        var call = phone.CallAsync(SipUri.Parse($"sip:callee@127.0.0.1:{peer.Port}"), TestCalls.Request(),
            cancellationToken: TestContext.Current.CancellationToken);

        var invite = await peer.ExpectRequestAsync("INVITE");
        var broken = peer.Respond(invite, 200, "OK", "x", ScriptedPeer.Sdp(9));
        broken.Headers.RemoveAll("To");
        await peer.SendAsync(broken);

        var result = await call;
        Assert.Equal(CallOutcome.Failed, result.Outcome);
        Assert.Equal(CallFailureKind.ProtocolError, result.Failure!.Kind);
        Assert.Contains("To", result.Failure.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OutOfDialogRequests_GetTheDefaultAnswers()
    {
        using var peer = new ScriptedPeer();
        await using var phone = new SipPhone(TestCalls.DirectAccount(), TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());
        var phoneEndPoint = phone.LocalEndPoint;

        foreach (var (method, toTag, expected) in new[] { ("OPTIONS", "", 200), ("BYE", ";tag=gone", 481), ("INVITE", "", 480), ("MESSAGE", "", 405) })
        {
            // Compact header names on purpose: the phone must read them.
            await peer.SendToAsync(
                $"{method} sip:panic1@127.0.0.1:{phoneEndPoint.Port} SIP/2.0\r\nv: SIP/2.0/UDP 127.0.0.1:{peer.Port};branch=z9hG4bK{method}\r\n" +
                $"f: <sip:pbx@127.0.0.1>;tag=pbx\r\nt: <sip:panic1@127.0.0.1>{toTag}\r\ni: ood-{method}@pbx\r\nCSeq: 1 {method}\r\n" +
                "Max-Forwards: 70\r\nl: 0\r\n\r\n", phoneEndPoint);
            var response = await peer.ExpectResponseAsync();
            Assert.Equal(expected, response.StatusCode);
            Assert.Equal(new CSeqHeader(1, method), response.CSeq);
            if (method == "OPTIONS")
            {
                Assert.Contains("INVITE", response.Headers.Get("Allow"), StringComparison.Ordinal);
            }
        }
    }

    private static async Task SendDigitAsync(UdpClient rtp, IPEndPoint to, byte digit, uint timestamp)
    {
        for (ushort i = 0; i < 4; i++)
        {
            var end = i >= 1;
            var packet = new Rtp.RtpPacket(i == 0, 101, (ushort)(timestamp / 10 + i), timestamp, 0xCAFE,
                new Rtp.TelephoneEvent(digit, end, 10, (ushort)(end ? 800 : 160)).ToBytes());
            await rtp.SendAsync(packet.ToBytes(), to, TestContext.Current.CancellationToken);
        }
    }
}
