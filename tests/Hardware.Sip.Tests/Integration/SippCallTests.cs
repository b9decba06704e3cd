using Hardware.Sip.Calls;
using Hardware.Sip.Messages;
using Hardware.Sip.Tests.Peers;

namespace Hardware.Sip.Tests.Integration;

/// <summary>Calls to SIPp (sip-tester) scripted callees on 127.0.0.1; SIPp's exit code checks our side of each scenario.</summary>
public sealed class SippCallTests
{
    [Fact]
    public async Task AnsweredCall_WithRfc4733Digit1_IsAcknowledged_AndWeHangUp()
    {
        await using var sipp = await SippPeer.StartUasAsync("uas_dtmf.xml");
        await using var phone = new SipPhone(TestCalls.DirectAccount(), TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());
        var progress = new StepRecorder();

        var result = await phone.CallAsync(SipUri.Parse($"sip:police@127.0.0.1:{sipp.Port}"), TestCalls.Request(), progress,
            TestContext.Current.CancellationToken);

        Assert.Equal(CallOutcome.Answered, result.Outcome);
        Assert.Equal(CallEndReason.Acknowledged, result.EndReason);
        Assert.True(result.Acknowledged);
        Assert.Equal("1", result.DigitsReceived);
        Assert.Equal(200, result.FinalStatusCode);
        Assert.True(result.RtpPacketsSent > 10, $"only {result.RtpPacketsSent} RTP packets sent");
        Assert.Equal(Sdp.AudioCodec.Pcmu, result.Media!.Codec);
        Assert.Equal(101, result.Media.TelephoneEventPayloadType);
        Assert.Equal(sipp.MediaPort, result.Media.RemoteEndPoint.Port);
        Assert.Contains("police@127.0.0.1", result.RemoteParty, StringComparison.Ordinal);
        Assert.Equal(
            [CallStepKind.InviteSent, CallStepKind.Ringing, CallStepKind.Answered, CallStepKind.DigitReceived, CallStepKind.HungUpByUs, CallStepKind.Ended],
            progress.Kinds.Where(k => k != CallStepKind.MessagePlayed));
        Assert.Equal(progress.Steps, result.Timeline);
        Assert.True(result.AnsweredAt >= result.StartedAt && result.EndedAt >= result.AnsweredAt);
        Assert.Equal(0, await sipp.WaitForExitAsync()); // SIPp got our ACK and BYE as scripted
    }

    [Fact]
    public async Task Busy486_IsBusy_AndTheRejectionIsAcked()
    {
        await using var sipp = await SippPeer.StartUasAsync("uas_busy.xml");
        await using var phone = new SipPhone(TestCalls.DirectAccount(), TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());

        var result = await phone.CallAsync(SipUri.Parse($"sip:police@127.0.0.1:{sipp.Port}"), TestCalls.Request(),
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(CallOutcome.Busy, result.Outcome);
        Assert.Equal(486, result.FinalStatusCode);
        Assert.Equal("Busy Here", result.FinalReasonPhrase);
        Assert.False(result.Acknowledged);
        Assert.Equal(0, await sipp.WaitForExitAsync()); // SIPp received the ACK it waits for
        Assert.Contains("ACK sip:police@127.0.0.1", sipp.Messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RingWithoutAnswer_IsCancelledAfterTheRingTimeout()
    {
        await using var sipp = await SippPeer.StartUasAsync("uas_noanswer.xml");
        await using var phone = new SipPhone(TestCalls.DirectAccount(), TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());
        var progress = new StepRecorder();

        var result = await phone.CallAsync(SipUri.Parse($"sip:police@127.0.0.1:{sipp.Port}"),
            TestCalls.Request(ringTimeout: TimeSpan.FromSeconds(1)), progress, TestContext.Current.CancellationToken);

        Assert.Equal(CallOutcome.NoAnswer, result.Outcome);
        Assert.Equal(487, result.FinalStatusCode);
        Assert.Contains(CallStepKind.Ringing, progress.Kinds);
        Assert.Contains(CallStepKind.Cancelling, progress.Kinds);
        var ringing = progress.Steps.First(s => s.Kind == CallStepKind.Ringing).At;
        var cancelling = progress.Steps.First(s => s.Kind == CallStepKind.Cancelling).At;
        Assert.InRange((cancelling - result.StartedAt).TotalSeconds, 0.9, 5);
        Assert.True(cancelling >= ringing);
        Assert.Equal(0, await sipp.WaitForExitAsync()); // CANCEL, then ACK of the 487, as SIPp expects
        var messages = sipp.Messages;
        Assert.Contains("CANCEL sip:police@127.0.0.1", messages, StringComparison.Ordinal);
        Assert.Contains("CSeq: 1 CANCEL", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CalleeHangsUp_IsAnsweredAndEndedByRemote()
    {
        await using var sipp = await SippPeer.StartUasAsync("uas_hangup.xml");
        await using var phone = new SipPhone(TestCalls.DirectAccount(), TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());
        var progress = new StepRecorder();

        var result = await phone.CallAsync(SipUri.Parse($"sip:police@127.0.0.1:{sipp.Port}"), TestCalls.Request(), progress,
            TestContext.Current.CancellationToken);

        Assert.Equal(CallOutcome.Answered, result.Outcome);
        Assert.Equal(CallEndReason.RemoteHangUp, result.EndReason);
        Assert.False(result.Acknowledged);
        Assert.Contains(CallStepKind.HungUpByRemote, progress.Kinds);
        Assert.DoesNotContain(CallStepKind.HungUpByUs, progress.Kinds);
        Assert.Equal(0, await sipp.WaitForExitAsync()); // SIPp got 200 to its BYE
    }

    [Fact]
    public async Task TelephoneEventNumber_IsTakenFromTheAnswer_NotAssumed101()
    {
        // The answer maps telephone-event to 96 while SIPp's pcap sends PT 101: those packets are not DTMF.
        await using var sipp = await SippPeer.StartUasAsync("uas_dtmf_pt96.xml");
        await using var phone = new SipPhone(TestCalls.DirectAccount(), TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());

        var result = await phone.CallAsync(SipUri.Parse($"sip:police@127.0.0.1:{sipp.Port}"),
            TestCalls.Request(maxDuration: TimeSpan.FromSeconds(2.5)), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(CallOutcome.Answered, result.Outcome);
        Assert.Equal(CallEndReason.MaxDurationReached, result.EndReason);
        Assert.Equal(string.Empty, result.DigitsReceived);
        Assert.Equal(96, result.Media!.TelephoneEventPayloadType);
        Assert.True(result.RtpAudioPacketsReceived > 0, "the PT 101 packets should have been heard as (non-DTMF) media");
        Assert.Equal(0, await sipp.WaitForExitAsync());
    }
}
