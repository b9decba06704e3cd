using System.Net;
using System.Net.Sockets;
using Hardware.Sip.Messages;
using Hardware.Sip.Rtp;
using Hardware.Sip.Sdp;
using Hardware.Sip.Simulator;
using Hardware.Sip.Tests.Peers;
using Microsoft.Extensions.Time.Testing;

namespace Hardware.Sip.Tests.Simulator;

/// <summary>The virtual phone as a UAS, driven message by message from a loopback socket (timers on a fake clock where they matter).</summary>
public sealed class VirtualPhoneProtocolTests
{
    private static readonly TimeSpan s_t1 = TimeSpan.FromMilliseconds(500);

    private static string Invite(ScriptedPeer peer, VirtualPhone phone, string user, string callId, string branch, string? sdp, uint cseq = 1) =>
        $"INVITE sip:{user}@127.0.0.1:{phone.Port} SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP 127.0.0.1:{peer.Port};branch={branch};rport\r\n" +
        "Max-Forwards: 70\r\n" +
        $"From: \"Box\" <sip:box@127.0.0.1>;tag=box-tag\r\n" +
        $"To: <sip:{user}@127.0.0.1:{phone.Port}>\r\n" +
        $"Call-ID: {callId}\r\n" +
        $"CSeq: {cseq} INVITE\r\n" +
        $"Contact: <sip:box@127.0.0.1:{peer.Port}>\r\n" +
        (sdp is null ? "Content-Length: 0\r\n\r\n" : $"Content-Type: application/sdp\r\nContent-Length: {sdp.Length}\r\n\r\n{sdp}");

    private static string Offer(int rtpPort, string payloadTypes = "0 8 101", int telephoneEvent = 101) =>
        "v=0\r\no=- 7 7 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
        $"m=audio {rtpPort} RTP/AVP {payloadTypes}\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n" +
        $"a=rtpmap:{telephoneEvent} telephone-event/8000\r\na=fmtp:{telephoneEvent} 0-16\r\na=sendrecv\r\n";

    /// <summary>An in-dialog request from the caller (ACK, BYE…), after the phone's response gave its To tag.</summary>
    private static string InDialog(string method, ScriptedPeer peer, SipResponse response, uint cseq, string branch, string? sdp = null) =>
        $"{method} {response.Contact!.Uri} SIP/2.0\r\n" +
        $"Via: SIP/2.0/UDP 127.0.0.1:{peer.Port};branch={branch};rport\r\n" +
        "Max-Forwards: 70\r\n" +
        $"From: {response.Headers.Get("From")}\r\n" +
        $"To: {response.Headers.Get("To")}\r\n" +
        $"Call-ID: {response.CallId}\r\n" +
        $"CSeq: {cseq} {method}\r\n" +
        (sdp is null ? "Content-Length: 0\r\n\r\n" : $"Content-Type: application/sdp\r\nContent-Length: {sdp.Length}\r\n\r\n{sdp}");

    private static VirtualPhoneOptions Options(TimeProvider? time, params (string User, LineBehavior Behavior)[] lines) => new()
    {
        Lines = lines.ToDictionary(l => l.User, l => l.Behavior),
        TimeProvider = time ?? TimeProvider.System,
        Timers = new Transactions.SipTimers { T1 = s_t1 },
        LoggerFactory = new TestLoggerFactory(),
    };

    private static async Task<SipResponse> ExpectStatusAsync(ScriptedPeer peer, int status)
    {
        var response = await peer.ExpectResponseAsync();
        Assert.Equal(status, response.StatusCode);
        return response;
    }

    [Fact]
    public async Task RetransmittedInvite_GetsTheSameAnswer_And200IsRepeatedWithT1DoublingUntilTheAck()
    {
        var time = new FakeTimeProvider();
        using var peer = new ScriptedPeer();
        using var rtp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        await using var phone = await VirtualPhone.StartAsync(Options(time, ("police", LineBehavior.AnswerSilently(ringFor: TimeSpan.Zero))),
            TestContext.Current.CancellationToken);
        var invite = Invite(peer, phone, "police", "retrans-1@box", "z9hG4bKretrans1", Offer(((IPEndPoint)rtp.Client.LocalEndPoint!).Port));

        await peer.SendToAsync(invite, phone.EndPoint);
        var trying = await ExpectStatusAsync(peer, 100);
        Assert.Null(trying.To.Tag);
        Assert.Equal(peer.Port, trying.TopVia.RPort);                 // RFC 3581: where the phone saw us
        Assert.Equal("127.0.0.1", trying.TopVia.Received);
        var ringing = await ExpectStatusAsync(peer, 180);
        var ok = await ExpectStatusAsync(peer, 200);
        Assert.NotNull(ok.To.Tag);
        Assert.Equal(ringing.To.Tag, ok.To.Tag);
        Assert.Equal($"sip:police@127.0.0.1:{phone.Port}", ok.Contact!.Uri.ToString());
        Assert.Contains("m=audio ", ok.BodyText, StringComparison.Ordinal);

        // The INVITE again (our 200 "lost"): the same 200, nothing new.
        await peer.SendToAsync(invite, phone.EndPoint);
        var again = await peer.ExpectRetransmissionAsync(ok);
        Assert.Equal(ok.ToString(), again.ToString());

        // No ACK: the 200 again after T1, then 2·T1 (RFC 3261 §13.3.1.4).
        time.Advance(s_t1);
        Assert.Equal(ok.ToString(), (await peer.ExpectRetransmissionAsync(ok)).ToString());
        time.Advance(s_t1);
        time.Advance(s_t1);
        Assert.Equal(ok.ToString(), (await peer.ExpectRetransmissionAsync(ok)).ToString());

        await peer.SendAsync(System.Text.Encoding.UTF8.GetBytes(InDialog("ACK", peer, ok, 1, "z9hG4bKack1")));
        var call = Assert.Single(phone.Calls);
        await WaitUntilAsync(() => call.AckReceived);
        time.Advance(TimeSpan.FromSeconds(40)); // were the 200 still pending, it would be sent again (and given up) now

        // The next message is the answer to this OPTIONS, not a late 200 to the INVITE.
        await peer.SendToAsync($"OPTIONS sip:127.0.0.1:{phone.Port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{peer.Port};branch=z9hG4bKopt1\r\n" +
            $"From: <sip:box@127.0.0.1>;tag=o1\r\nTo: <sip:127.0.0.1:{phone.Port}>\r\nCall-ID: opt-1@box\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n",
            phone.EndPoint);
        var options = await ExpectStatusAsync(peer, 200);
        Assert.Equal(new CSeqHeader(1, "OPTIONS"), options.CSeq);
        Assert.Equal(0, peer.RetransmissionsAbsorbed);                 // no late 200 was passed over either
        Assert.Contains("INVITE", options.Headers.Get("Allow"), StringComparison.Ordinal);

        await peer.SendAsync(System.Text.Encoding.UTF8.GetBytes(InDialog("BYE", peer, ok, 2, "z9hG4bKbye1")));
        await ExpectStatusAsync(peer, 200);
        await call.WaitForEndAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(VirtualCallEndReason.CallerHungUp, call.EndReason);
        Assert.Equal(1, call.InviteRetransmissions);
        Assert.Equal(2, call.ResponseRetransmissions);
        Assert.Equal(1, phone.OptionsAnswered);
    }

    [Fact]
    public async Task NoAck_TheLineSendsByeAfter64T1()
    {
        var time = new FakeTimeProvider();
        using var peer = new ScriptedPeer();
        await using var phone = await VirtualPhone.StartAsync(Options(time, ("police", LineBehavior.AnswerSilently(ringFor: TimeSpan.Zero))),
            TestContext.Current.CancellationToken);

        await peer.SendToAsync(Invite(peer, phone, "police", "noack-1@box", "z9hG4bKnoack1", Offer(40000)), phone.EndPoint);
        await ExpectStatusAsync(peer, 100);
        await ExpectStatusAsync(peer, 180);
        var ok = await ExpectStatusAsync(peer, 200);
        for (var i = 0; i < 64; i++)
        {
            time.Advance(s_t1);
        }

        // 0.5, 1.5, 3.5, 7.5, 11.5 … 31.5 s: ten retransmissions (T2 = 4 s caps the doubling), then BYE at 32 s.
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(ok.ToString(), (await peer.ExpectRetransmissionAsync(ok)).ToString());
        }
        var bye = await peer.ExpectRequestAsync("BYE");
        Assert.Equal(0, peer.RetransmissionsAbsorbed);                        // not an eleventh 200 before it
        Assert.Equal($"sip:box@127.0.0.1:{peer.Port}", bye.Uri.ToString());   // the caller's Contact
        Assert.Equal(ok.To.Tag, bye.From.Tag);
        Assert.Equal("box-tag", bye.To.Tag);
        Assert.Equal("noack-1@box", bye.CallId);
        Assert.Equal(new CSeqHeader(1, "BYE"), bye.CSeq);
        await peer.SendAsync(SipResponse.For(bye, 200, "OK"));
        var call = Assert.Single(phone.Calls);
        Assert.Equal(VirtualCallEndReason.NoAck, call.EndReason);
        Assert.True(call.ByeSent);
        Assert.False(call.AckReceived);
    }

    [Fact]
    public async Task UnknownDialogs_Get481_UnknownMethods405()
    {
        using var peer = new ScriptedPeer();
        await using var phone = await VirtualPhone.StartAsync(Options(null), TestContext.Current.CancellationToken);

        foreach (var method in new[] { "BYE", "CANCEL", "INFO" })
        {
            await peer.SendToAsync($"{method} sip:police@127.0.0.1:{phone.Port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{peer.Port};branch=z9hG4bK{method}\r\n" +
                $"From: <sip:box@127.0.0.1>;tag=a\r\nTo: <sip:police@127.0.0.1>;tag=nobody\r\nCall-ID: unknown@box\r\nCSeq: 5 {method}\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n",
                phone.EndPoint);
            var response = await ExpectStatusAsync(peer, 481);
            Assert.Equal(method, response.CSeq.Method);
        }
        await peer.SendToAsync($"SUBSCRIBE sip:police@127.0.0.1:{phone.Port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{peer.Port};branch=z9hG4bKsub\r\n" +
            $"From: <sip:box@127.0.0.1>;tag=a\r\nTo: <sip:police@127.0.0.1>\r\nCall-ID: sub@box\r\nCSeq: 1 SUBSCRIBE\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n",
            phone.EndPoint);
        var notAllowed = await ExpectStatusAsync(peer, 405);
        Assert.Contains("BYE", notAllowed.Headers.Get("Allow"), StringComparison.Ordinal);
        Assert.Equal(3, phone.UnknownDialogRequests);
        Assert.Empty(phone.Calls);
    }

    [Fact]
    public async Task Dtmf_IsRfc4733WithTheOffersPayloadType_AndTheFirstOfferedLawIsUsed()
    {
        var ct = TestContext.Current.CancellationToken;
        using var peer = new ScriptedPeer();
        using var rtp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var rtpPort = ((IPEndPoint)rtp.Client.LocalEndPoint!).Port;
        var phone = await VirtualPhone.StartAsync(Options(null,
            ("police", LineBehavior.AnswerAndAcknowledge(after: TimeSpan.FromMilliseconds(100), digit: '#', ringFor: TimeSpan.Zero))), ct);
        await using (phone)
        {
            await peer.SendToAsync(Invite(peer, phone, "police", "dtmf-1@box", "z9hG4bKdtmf1", Offer(rtpPort, "8 0 96", telephoneEvent: 96)), phone.EndPoint);
            await ExpectStatusAsync(peer, 100);
            await ExpectStatusAsync(peer, 180);
            var ok = await ExpectStatusAsync(peer, 200);
            var answer = SdpSession.Parse(ok.BodyText);
            Assert.Equal([8, 96], answer.PayloadTypes);
            Assert.Equal("telephone-event/8000", answer.RtpMaps[96]);
            await peer.SendAsync(System.Text.Encoding.UTF8.GetBytes(InDialog("ACK", peer, ok, 1, "z9hG4bKdtmfack")));

            // Read the phone's RTP until the third end packet of the event.
            var events = new List<RtpPacket>();
            var audio = 0;
            var sequences = new List<ushort>();
            while (events.Count(e => TelephoneEvent.TryParse(e.Payload.Span, out var t) && t.End) < 3)
            {
                var datagram = await rtp.ReceiveAsync(ct).AsTask().WaitAsync(TimeSpan.FromSeconds(5), ct);
                Assert.True(RtpPacket.TryParse(datagram.Buffer, out var packet));
                Assert.Equal(answer.AudioEndPoint!.Port, datagram.RemoteEndPoint.Port); // symmetric RTP: from the answer's port
                sequences.Add(packet.SequenceNumber);
                if (packet.PayloadType == 96)
                {
                    events.Add(packet);
                }
                else
                {
                    Assert.Equal(8, packet.PayloadType);   // PCMA, the first law of the offer
                    Assert.Equal(172, datagram.Buffer.Length);
                    audio++;
                }
            }
            Assert.True(audio > 0);
            // One sequence for audio and events: no gap, no repeat (two sends may overtake each other, so compare sorted).
            var offsets = sequences.Select(s => (int)(short)(ushort)(s - sequences[0])).Order().ToArray();
            Assert.Equal(Enumerable.Range(offsets[0], offsets.Length), offsets);

            // RFC 4733 §2.5: start with the marker, updates every 20 ms with a growing duration, the end packet three times, one timestamp.
            var parsed = events.Select(e => (Packet: e, Event: TelephoneEvent.TryParse(e.Payload.Span, out var t) ? t : default)).ToArray();
            Assert.Equal(8, parsed.Length); // 100 ms: 5 updates, then 3 end packets
            Assert.All(parsed, p => Assert.Equal(11, p.Event.Event)); // '#'
            Assert.All(parsed, p => Assert.Equal(parsed[0].Packet.Timestamp, p.Packet.Timestamp));
            Assert.True(parsed[0].Packet.Marker);
            Assert.All(parsed.Skip(1), p => Assert.False(p.Packet.Marker));
            Assert.Equal([160, 320, 480, 640, 800, 800, 800, 800], parsed.Select(p => (int)p.Event.Duration));
            Assert.Equal([false, false, false, false, false, true, true, true], parsed.Select(p => p.Event.End));

            await peer.SendAsync(System.Text.Encoding.UTF8.GetBytes(InDialog("BYE", peer, ok, 2, "z9hG4bKdtmfbye")));
            await ExpectStatusAsync(peer, 200);
        }
        var call = Assert.Single(phone.Calls);
        Assert.Equal("#", call.DigitsSent);
        Assert.Equal(AudioCodec.Pcma, call.Codec);
        Assert.Equal(96, call.TelephoneEventPayloadType);
        Assert.Equal(8, call.DtmfPacketsSent); // known once the phone is disposed: its digit task is over
    }

    [Fact]
    public async Task OfferWithoutTelephoneEvent_TheDigitComesBySipInfo()
    {
        using var peer = new ScriptedPeer();
        await using var phone = await VirtualPhone.StartAsync(Options(null,
            ("police", LineBehavior.AnswerAndAcknowledge(after: TimeSpan.Zero, ringFor: TimeSpan.Zero))), TestContext.Current.CancellationToken);
        var offer = "v=0\r\no=- 7 7 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40002 RTP/AVP 0\r\n";

        await peer.SendToAsync(Invite(peer, phone, "police", "info-1@box", "z9hG4bKinfo1", offer), phone.EndPoint);
        await ExpectStatusAsync(peer, 100);
        await ExpectStatusAsync(peer, 180);
        var ok = await ExpectStatusAsync(peer, 200);
        Assert.Contains("m=audio", ok.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain("telephone-event", ok.BodyText, StringComparison.Ordinal);
        await peer.SendAsync(System.Text.Encoding.UTF8.GetBytes(InDialog("ACK", peer, ok, 1, "z9hG4bKinfoack")));

        var info = await peer.ExpectRequestAsync("INFO");
        Assert.Equal("application/dtmf-relay", info.Headers.Get("Content-Type"));
        Assert.StartsWith("Signal=1\r\n", info.BodyText, StringComparison.Ordinal);
        Assert.Equal(ok.To.Tag, info.From.Tag);
        await peer.SendAsync(SipResponse.For(info, 200, "OK"));
        Assert.Equal("1", Assert.Single(phone.Calls).DigitsSent);
    }

    [Fact]
    public async Task InviteWithoutOffer_The200CarriesTheOffer_AndTheAckTheAnswer()
    {
        using var peer = new ScriptedPeer();
        await using var phone = await VirtualPhone.StartAsync(Options(null, ("police", LineBehavior.AnswerSilently(ringFor: TimeSpan.Zero))),
            TestContext.Current.CancellationToken);

        await peer.SendToAsync(Invite(peer, phone, "police", "late-1@box", "z9hG4bKlate1", sdp: null), phone.EndPoint);
        await ExpectStatusAsync(peer, 100);
        await ExpectStatusAsync(peer, 180);
        var ok = await ExpectStatusAsync(peer, 200);
        Assert.Equal([0, 8, 101], SdpSession.Parse(ok.BodyText).PayloadTypes);
        await peer.SendAsync(System.Text.Encoding.UTF8.GetBytes(InDialog("ACK", peer, ok, 1, "z9hG4bKlateack", Offer(40004, "8 101"))));

        var call = Assert.Single(phone.Calls);
        await WaitUntilAsync(() => call.Codec is not null);
        Assert.Equal(AudioCodec.Pcma, call.Codec);
        Assert.Equal(40004, call.CallerRtpEndPoint!.Port);
    }

    [Fact]
    public async Task OfferWithoutG711_Is488()
    {
        using var peer = new ScriptedPeer();
        await using var phone = await VirtualPhone.StartAsync(Options(null, ("police", LineBehavior.AnswerAndAcknowledge())),
            TestContext.Current.CancellationToken);
        var g722 = "v=0\r\no=- 7 7 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40006 RTP/AVP 9\r\na=rtpmap:9 G722/8000\r\n";

        await peer.SendToAsync(Invite(peer, phone, "police", "g722-1@box", "z9hG4bKg722", g722), phone.EndPoint);
        await ExpectStatusAsync(peer, 100);
        var refusal = await ExpectStatusAsync(peer, 488);
        await peer.SendAsync(System.Text.Encoding.UTF8.GetBytes(
            $"ACK sip:police@127.0.0.1:{phone.Port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{peer.Port};branch=z9hG4bKg722;rport\r\n" +
            $"From: {refusal.Headers.Get("From")}\r\nTo: {refusal.Headers.Get("To")}\r\nCall-ID: g722-1@box\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n"));

        var call = await Assert.Single(phone.Calls).WaitForEndAsync(TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(VirtualCallEndReason.Rejected, call.EndReason);
        Assert.Equal(488, call.FinalStatusCode);
    }

    /// <summary>Polls a condition the phone sets on its own receive thread (no fixed sleep: returns as soon as it holds).</summary>
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(5));
        while (!condition())
        {
            await poll.WaitForNextTickAsync(limit.Token);
        }
    }
}
