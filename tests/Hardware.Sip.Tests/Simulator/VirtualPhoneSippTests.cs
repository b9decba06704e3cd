using Hardware.Sip.Audio;
using Hardware.Sip.Simulator;
using Hardware.Sip.Tests.Integration;

namespace Hardware.Sip.Tests.Simulator;

/// <summary>SIPp (sip-tester) calling the virtual phone: it speaks SIP to something that is not our own code.</summary>
public sealed class VirtualPhoneSippTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    /// <summary>0.4 s of a 1 kHz tone in raw µ-law, for SIPp's rtp_stream (20 packets of 160 bytes).</summary>
    private static Dictionary<string, byte[]> ToneFile()
    {
        var tone = TestCalls.Message(0.4);
        var ulaw = new byte[tone.Samples.Length];
        MuLaw.Encode(tone.Samples.Span, ulaw);
        return new() { ["tone.ulaw"] = ulaw };
    }

    [Fact]
    public async Task SippCall_Invite200AckBye_WithMediaBothWays_AndTheDigit()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var phone = await VirtualPhone.StartAsync(VirtualPhoneCallTests.Options(
            ("police", LineBehavior.AnswerAndAcknowledge(after: TimeSpan.FromMilliseconds(300), ringFor: TimeSpan.FromMilliseconds(100)))), ct);
        await using var sipp = SippUac.Start(SippScenarios.CallWithMedia, phone.Port, "police", ToneFile());

        Assert.Equal(0, await sipp.WaitForExitAsync()); // 100/180/200 with the expected SDP answer, then ACK, BYE → 200

        var call = await phone.WaitForCallEndedAsync("police", ct).WaitAsync(s_wait, ct);
        Assert.StartsWith("sip:sipp@127.0.0.1:", call.Caller, StringComparison.Ordinal);
        Assert.True(call.AckReceived);
        Assert.True(call.ByeReceived);
        Assert.Equal(VirtualCallEndReason.CallerHungUp, call.EndReason);
        Assert.Equal("1", call.DigitsSent);
        Assert.Equal(sipp.MediaPort, call.CallerRtpEndPoint!.Port);
        Assert.True(call.RtpPacketsReceived > 0, $"SIPp's rtp_stream was not heard: {call}");
        Assert.True(call.RtpPacketsSent > 0);
        Assert.Contains("SIP/2.0 180 Ringing", sipp.Messages, StringComparison.Ordinal);
        Assert.Contains("a=rtpmap:101 telephone-event/8000", sipp.Messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SippCancel_IsAnswered200_ThenTheInvite487_AndTheAckAbsorbed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var phone = await VirtualPhone.StartAsync(VirtualPhoneCallTests.Options(("astreinte", LineBehavior.NoAnswer())), ct);
        await using var sipp = SippUac.Start(SippScenarios.CancelledCall, phone.Port, "astreinte");

        Assert.Equal(0, await sipp.WaitForExitAsync());

        var call = await phone.WaitForCallEndedAsync("astreinte", ct).WaitAsync(s_wait, ct);
        Assert.True(call.CancelReceived);
        Assert.Equal(487, call.FinalStatusCode);
        Assert.Equal(VirtualCallEndReason.Cancelled, call.EndReason);
        Assert.Contains("SIP/2.0 487 Request Terminated", sipp.Messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SippDigest_AnswersTheChallenge_AndTheCallGoesThrough()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var phone = await VirtualPhone.StartAsync(VirtualPhoneCallTests.Options(
            ("police", LineBehavior.AnswerAndAcknowledge(after: TimeSpan.FromMilliseconds(200), ringFor: TimeSpan.Zero)))
            with { RequireAuthentication = new VirtualPhoneCredentials("panic1", "s3cret") }, ct);
        // SIPp's digest uri is remote_ip:remote_port unless told: the Request-URI is what RFC 3261 §22.4 wants in it.
        await using var sipp = SippUac.Start(SippScenarios.AuthenticatedCall, phone.Port, "police", ToneFile(),
            ["-auth_uri", $"police@127.0.0.1:{phone.Port}"]);

        Assert.Equal(0, await sipp.WaitForExitAsync());

        var call = await phone.WaitForCallEndedAsync("police", ct).WaitAsync(s_wait, ct);
        Assert.True(call.Authenticated, $"SIPp's digest was refused: {call.AuthenticationFailure}");
        Assert.Equal(1, call.AuthenticationChallenges);
        Assert.Equal(VirtualCallEndReason.CallerHungUp, call.EndReason);
        Assert.Contains("WWW-Authenticate: Digest realm=\"virtual-phone\"", sipp.Messages, StringComparison.Ordinal);
    }
}
