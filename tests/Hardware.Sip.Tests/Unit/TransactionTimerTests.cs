using System.Net;
using Hardware.Sip.Messages;
using Hardware.Sip.Transactions;
using Hardware.Sip.Transport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Hardware.Sip.Tests.Unit;

/// <summary>RFC 3261 §17.1 timers, driven by a fake clock: no test here waits for real time.</summary>
public sealed class TransactionTimerTests
{
    private static readonly SipEndPoint s_udp = new(SipTransportProtocol.Udp, new IPEndPoint(IPAddress.Loopback, 5060));
    private readonly FakeTimeProvider _time = new();
    private readonly List<(TimeSpan At, SipMessage Message)> _sent = [];
    private readonly DateTimeOffset _start;
    private readonly SipTransactionLayer _layer;

    public TransactionTimerTests()
    {
        _start = _time.GetUtcNow();
        _layer = new SipTransactionLayer(Record, _time, new SipTimers(), NullLogger.Instance);
    }

    [Fact]
    public async Task Invite_OverUdp_IsRetransmittedByTimerA_UntilTimerB()
    {
        var transaction = _layer.StartInvite(Request("INVITE"), s_udp, null);

        AdvanceBy(TimeSpan.FromSeconds(31.9));
        Assert.False(transaction.FinalResponse.IsCompleted);
        AdvanceBy(TimeSpan.FromSeconds(0.2));

        Assert.Null(await transaction.FinalResponse);
        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5], SendTimes("INVITE"));
        Assert.Equal(0, _layer.ActiveCount);
    }

    [Fact]
    public void Invite_ProvisionalResponse_StopsRetransmissions()
    {
        var provisional = new List<int>();
        var invite = Request("INVITE");
        var transaction = _layer.StartInvite(invite, s_udp, r => provisional.Add(r.StatusCode));
        AdvanceBy(TimeSpan.FromSeconds(0.7));
        Assert.True(_layer.TryDeliver(Response(invite, 100, "Trying")));
        Assert.True(_layer.TryDeliver(Response(invite, 180, "Ringing")));
        AdvanceBy(TimeSpan.FromSeconds(60));

        Assert.Equal([0, 0.5], SendTimes("INVITE"));
        Assert.Equal([100, 180], provisional);
        Assert.False(transaction.FinalResponse.IsCompleted); // no Timer B in Proceeding: the ring timeout is the TU's
    }

    [Fact]
    public async Task Invite_Non2xxFinal_IsAckedOnTheSameBranch_AndTheAckIsRepeatedForRetransmissions()
    {
        var invite = Request("INVITE");
        invite.Headers.Add("Route", "<sip:proxy.example;lr>");
        var transaction = _layer.StartInvite(invite, s_udp, null);
        var busy = Response(invite, 486, "Busy Here", toTag: "callee1");

        Assert.True(_layer.TryDeliver(busy));
        Assert.True(_layer.TryDeliver(busy)); // retransmitted by the UAS
        var final = await transaction.FinalResponse;

        Assert.Equal(486, final!.StatusCode);
        var acks = _sent.Select(s => s.Message).OfType<SipRequest>().Where(r => r.Method == "ACK").ToList();
        Assert.Equal(2, acks.Count);
        var ack = acks[0];
        Assert.Equal(invite.TopVia.Branch, ack.TopVia.Branch);
        Assert.Equal(invite.Uri, ack.Uri);
        Assert.Equal(new CSeqHeader(invite.CSeq.Number, "ACK"), ack.CSeq);
        Assert.Equal("callee1", ack.To.Tag);
        Assert.Equal(invite.From.Tag, ack.From.Tag);
        Assert.Equal(["<sip:proxy.example;lr>"], ack.Headers.GetAll("Route"));

        // Timer D keeps absorbing retransmissions for 32 s, then the transaction is gone.
        AdvanceBy(TimeSpan.FromSeconds(33));
        Assert.False(_layer.TryDeliver(busy));
    }

    [Fact]
    public async Task Invite_2xx_EndsTheTransaction_SoRetransmitted2xxGoToTheDialog()
    {
        var invite = Request("INVITE");
        var transaction = _layer.StartInvite(invite, s_udp, null);
        var ok = Response(invite, 200, "OK", toTag: "t");
        Assert.True(_layer.TryDeliver(ok));
        Assert.Equal(200, (await transaction.FinalResponse)!.StatusCode);
        Assert.False(_layer.TryDeliver(ok));
        Assert.DoesNotContain(_sent, s => s.Message is SipRequest { Method: "ACK" });
    }

    [Fact]
    public void Invite_FinalResponse_ReachesTheCallBeforeTryDeliverReturns_InWireOrder_Once()
    {
        // Regression: the call learnt of the final response from a thread-pool continuation, so a retransmitted 2xx
        // read right after it (no longer matching the terminated transaction, §17.1.1.2) reached the call first and
        // was taken for another fork's answer: ACKed and hung up with BYE, tearing down the answered call.
        var seen = new List<string>();
        var invite = Request("INVITE");
        _layer.StartInvite(invite, s_udp, r => seen.Add($"{r.StatusCode}"),
            t => seen.Add($"final {t.FinalResponse.Result?.StatusCode}"));
        var ok = Response(invite, 200, "OK", toTag: "t");

        Assert.True(_layer.TryDeliver(Response(invite, 180, "Ringing", toTag: "t")));
        Assert.True(_layer.TryDeliver(ok));
        Assert.Equal(["180", "final 200"], seen);           // synchronously, in the order they arrived
        Assert.False(_layer.TryDeliver(ok));                // the retransmission is the dialog's, queued behind it
        Assert.Equal(["180", "final 200"], seen);
    }

    [Fact]
    public void Invite_TimeoutAndSendFailure_AreReportedOnceThroughCompleted()
    {
        var outcomes = new List<(SipResponse? Response, Exception? Error)>();
        _layer.StartInvite(Request("INVITE"), s_udp, null,
            t => outcomes.Add((t.FinalResponse.IsCompletedSuccessfully ? t.FinalResponse.Result : null, t.FinalResponse.Exception?.InnerException)));
        AdvanceBy(TimeSpan.FromSeconds(33));
        Assert.Equal([(null, null)], outcomes);             // Timer B

        var failing = new SipTransactionLayer((_, _, _) => ValueTask.FromException(new System.Net.Sockets.SocketException(111)),
            _time, new SipTimers(), NullLogger.Instance);
        var errors = new List<Exception?>();
        var transaction = failing.StartInvite(Request("INVITE"), s_udp, null, t => errors.Add(t.FinalResponse.Exception?.InnerException));
        transaction.Dispose();
        Assert.IsType<System.Net.Sockets.SocketException>(Assert.Single(errors));
    }

    [Fact]
    public async Task NonInvite_TimerE_DoublesUpToT2_ThenTimerF()
    {
        var transaction = _layer.StartNonInvite(Request("REGISTER"), s_udp);
        AdvanceBy(TimeSpan.FromSeconds(32.1));

        Assert.Null(await transaction.FinalResponse);
        Assert.Equal([0, 0.5, 1.5, 3.5, 7.5, 11.5, 15.5, 19.5, 23.5, 27.5, 31.5], SendTimes("REGISTER"));
    }

    [Fact]
    public async Task NonInvite_AfterProvisional_RetransmitsEveryT2()
    {
        var request = Request("BYE");
        var transaction = _layer.StartNonInvite(request, s_udp);
        AdvanceBy(TimeSpan.FromSeconds(0.2));
        _layer.TryDeliver(Response(request, 100, "Trying"));
        AdvanceBy(TimeSpan.FromSeconds(9));
        _layer.TryDeliver(Response(request, 200, "OK"));
        AdvanceBy(TimeSpan.FromSeconds(9));

        Assert.Equal(200, (await transaction.FinalResponse)!.StatusCode);
        Assert.Equal([0, 4.2, 8.2], SendTimes("BYE"));
    }

    [Fact]
    public async Task OverTcp_NothingIsRetransmitted_ButTheTimeoutStillApplies()
    {
        var tcp = s_udp with { Protocol = SipTransportProtocol.Tcp };
        var transaction = _layer.StartInvite(Request("INVITE"), tcp, null);
        AdvanceBy(TimeSpan.FromSeconds(32.1));
        Assert.Null(await transaction.FinalResponse);
        Assert.Equal([0], SendTimes("INVITE"));
    }

    [Fact]
    public void ResponsesAreMatchedByBranchAndMethod()
    {
        var invite = Request("INVITE");
        _layer.StartInvite(invite, s_udp, null);
        var wrongMethod = Response(invite, 200, "OK");
        wrongMethod.Headers.Set("CSeq", "1 CANCEL");
        Assert.False(_layer.TryDeliver(wrongMethod));
        var wrongBranch = Response(invite, 200, "OK");
        wrongBranch.Headers.Set("Via", "SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKother");
        Assert.False(_layer.TryDeliver(wrongBranch));
    }

    private ValueTask Record(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken)
    {
        lock (_sent)
        {
            _sent.Add((_time.GetUtcNow() - _start, message));
        }
        return ValueTask.CompletedTask;
    }

    private double[] SendTimes(string method) =>
        _sent.Where(s => s.Message is SipRequest r && r.Method == method).Select(s => Math.Round(s.At.TotalSeconds, 3)).ToArray();

    private void AdvanceBy(TimeSpan span)
    {
        // Small steps, so that timers created by timer callbacks fire at their own due time.
        var step = TimeSpan.FromMilliseconds(50);
        for (var done = TimeSpan.Zero; done < span; done += step)
        {
            _time.Advance(span - done < step ? span - done : step);
        }
    }

    private static SipRequest Request(string method)
    {
        var request = new SipRequest(method, SipUri.Parse("sip:police@127.0.0.1"));
        request.Headers.Add("Via", $"SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK{method}1;rport");
        request.Headers.Add("From", "<sip:panic1@127.0.0.1>;tag=abc");
        request.Headers.Add("To", "<sip:police@127.0.0.1>");
        request.Headers.Add("Call-ID", "call-1");
        request.Headers.Add("CSeq", $"1 {method}");
        return request;
    }

    private static SipResponse Response(SipRequest request, int status, string reason, string? toTag = null) =>
        SipResponse.For(request, status, reason, toTag);
}
