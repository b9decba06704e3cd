using Hardware.Sip.Calls;
using Hardware.Sip.Messages;
using Hardware.Sip.Registration;
using Hardware.Sip.Sdp;
using Hardware.Sip.Simulator;
using Hardware.Sip.Tests.Integration;

namespace Hardware.Sip.Tests.Simulator;

/// <summary>Our own <see cref="SipPhone"/> (the box) calling the virtual phone on 127.0.0.1: the demo's flows, end to end.</summary>
public sealed class VirtualPhoneCallTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    internal static VirtualPhoneOptions Options(params (string User, LineBehavior Behavior)[] lines) => new()
    {
        Lines = lines.ToDictionary(l => l.User, l => l.Behavior),
        Timers = TestCalls.FastOptions().Timers,
        LoggerFactory = new TestLoggerFactory(),
    };

    private static SipPhone Box(string? password = null) =>
        new(TestCalls.DirectAccount() with { Password = password }, TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());

    private static async Task<VirtualCall> EndedCallAsync(VirtualPhone phone, string user) =>
        await phone.WaitForCallEndedAsync(user, TestContext.Current.CancellationToken).WaitAsync(s_wait, TestContext.Current.CancellationToken);

    [Fact]
    public async Task AnswerAndAcknowledge_TheBoxIsAcknowledged_AndThePhoneCountedItsMessage()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var phone = await VirtualPhone.StartAsync(Options(
            ("police", LineBehavior.AnswerAndAcknowledge(after: TimeSpan.FromMilliseconds(600), ringFor: TimeSpan.FromMilliseconds(200))),
            ("astreinte", LineBehavior.NoAnswer())), ct);
        await using var box = Box();
        var progress = new StepRecorder();

        var result = await box.CallAsync(phone.UriFor("police"), TestCalls.Request(), progress, ct);

        Assert.Equal(CallOutcome.Answered, result.Outcome);
        Assert.Equal(CallEndReason.Acknowledged, result.EndReason);
        Assert.True(result.Acknowledged);
        Assert.Equal("1", result.DigitsReceived);
        Assert.Equal(200, result.FinalStatusCode);
        Assert.Equal(AudioCodec.Pcmu, result.Media!.Codec);
        Assert.Equal(101, result.Media.TelephoneEventPayloadType);
        Assert.True(result.RtpAudioPacketsReceived > 5, $"the box heard only {result.RtpAudioPacketsReceived} packets from the phone");
        Assert.Equal(
            [CallStepKind.InviteSent, CallStepKind.Trying, CallStepKind.Ringing, CallStepKind.Answered, CallStepKind.DigitReceived, CallStepKind.HungUpByUs, CallStepKind.Ended],
            progress.Kinds.Where(k => k != CallStepKind.MessagePlayed));

        var call = await EndedCallAsync(phone, "police");
        Assert.Equal("police", call.User);
        Assert.Equal("sip:panic1@127.0.0.1", call.Caller);
        Assert.Equal("Mairie accueil", call.CallerDisplayName);
        Assert.True(call.Answered);
        Assert.True(call.AckReceived);
        Assert.Equal(200, call.FinalStatusCode);
        Assert.Equal("1", call.DigitsSent);
        Assert.True(call.ByeReceived);
        Assert.False(call.ByeSent);
        Assert.Equal(VirtualCallEndReason.CallerHungUp, call.EndReason);
        Assert.Equal(AudioCodec.Pcmu, call.Codec);
        Assert.Equal(101, call.TelephoneEventPayloadType);
        Assert.Equal(result.Media.RemoteEndPoint, call.LocalRtpEndPoint);
        Assert.True(call.RtpPacketsReceived > 10, $"the phone heard only {call.RtpPacketsReceived} packets of the message: {call}");
        Assert.True(call.RtpPacketsSent > 5);
        Assert.True(call.AnsweredAt - call.ReceivedAt >= TimeSpan.FromMilliseconds(150));
        Assert.Single(phone.Calls);
        Assert.Contains(call.Steps, s => s.Description.StartsWith("DTMF '1' sent (RFC 4733", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Busy_IsBusy486()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var phone = await VirtualPhone.StartAsync(Options(("police", LineBehavior.Busy())), ct);
        await using var box = Box();

        var result = await box.CallAsync(phone.UriFor("police"), TestCalls.Request(), cancellationToken: ct);

        Assert.Equal(CallOutcome.Busy, result.Outcome);
        Assert.Equal(486, result.FinalStatusCode);
        var call = await EndedCallAsync(phone, "police");
        Assert.Equal(VirtualCallEndReason.Rejected, call.EndReason);
        Assert.Equal(486, call.FinalStatusCode);
        Assert.False(call.Answered);
        Assert.Contains(call.Steps, s => s.Description == "ACK received for the 486"); // the call ended on the box's ACK
    }

    [Fact]
    public async Task Decline_IsDeclined603()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var phone = await VirtualPhone.StartAsync(Options(("police", LineBehavior.Decline())), ct);
        await using var box = Box();

        var result = await box.CallAsync(phone.UriFor("police"), TestCalls.Request(), cancellationToken: ct);

        Assert.Equal(CallOutcome.Declined, result.Outcome);
        Assert.Equal(603, result.FinalStatusCode);
        Assert.Equal(603, (await EndedCallAsync(phone, "police")).FinalStatusCode);
    }

    [Fact]
    public async Task NoAnswer_TheBoxCancelsAfterItsRingTimeout_AndThePhoneSawTheCancel()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var phone = await VirtualPhone.StartAsync(Options(("astreinte", LineBehavior.NoAnswer())), ct);
        await using var box = Box();
        var progress = new StepRecorder();

        var result = await box.CallAsync(phone.UriFor("astreinte"), TestCalls.Request(ringTimeout: TimeSpan.FromSeconds(1)), progress, ct);

        Assert.Equal(CallOutcome.NoAnswer, result.Outcome);
        Assert.Equal(487, result.FinalStatusCode);
        Assert.Contains(CallStepKind.Ringing, progress.Kinds);
        Assert.Contains(CallStepKind.Cancelling, progress.Kinds);
        var call = await EndedCallAsync(phone, "astreinte");
        Assert.True(call.CancelReceived);
        Assert.False(call.Answered);
        Assert.Equal(487, call.FinalStatusCode);
        Assert.Equal(VirtualCallEndReason.Cancelled, call.EndReason);
    }

    [Fact]
    public async Task UnknownUser_GetsTheConfiguredRefusal_404ByDefault()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var phone = await VirtualPhone.StartAsync(Options(("police", LineBehavior.Busy())), ct);
        await using var configured = await VirtualPhone.StartAsync(Options() with { UnknownUser = LineBehavior.Reject(480, "Temporarily Unavailable") }, ct);
        await using var box = Box();

        var byDefault = await box.CallAsync(phone.UriFor("pompiers"), TestCalls.Request(), cancellationToken: ct);
        var unavailable = await box.CallAsync(configured.UriFor("pompiers"), TestCalls.Request(), cancellationToken: ct);

        Assert.Equal(CallOutcome.Failed, byDefault.Outcome);
        Assert.Equal(CallFailureKind.StatusCode, byDefault.Failure!.Kind);
        Assert.Equal(404, byDefault.FinalStatusCode);
        Assert.Equal(CallOutcome.NoAnswer, unavailable.Outcome);
        Assert.Equal(480, unavailable.FinalStatusCode);
        var call = await EndedCallAsync(phone, "pompiers");
        Assert.Equal(VirtualCallEndReason.Rejected, call.EndReason);
        Assert.Equal(404, call.FinalStatusCode);
    }

    [Fact]
    public async Task RequiredAuthentication_TheBoxAuthenticates_AndTheCallIsAcknowledged()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var phone = await VirtualPhone.StartAsync(Options(
            ("police", LineBehavior.AnswerAndAcknowledge(after: TimeSpan.FromMilliseconds(300), ringFor: TimeSpan.Zero)))
            with { RequireAuthentication = new VirtualPhoneCredentials("panic1", "s3cret") }, ct);
        await using var box = Box(password: "s3cret");
        var progress = new StepRecorder();

        var result = await box.CallAsync(phone.UriFor("police"), TestCalls.Request(), progress, ct);

        Assert.Equal(CallOutcome.Answered, result.Outcome);
        Assert.True(result.Acknowledged);
        Assert.Contains(CallStepKind.AuthenticationChallenged, progress.Kinds);
        var call = await EndedCallAsync(phone, "police");
        Assert.True(call.Authenticated);
        Assert.Equal(1, call.AuthenticationChallenges);
        Assert.Null(call.AuthenticationFailure);
        Assert.Equal("1", call.DigitsSent);
        Assert.Equal(VirtualCallEndReason.CallerHungUp, call.EndReason);
        Assert.Single(phone.Calls); // the challenged INVITE and its retry are one call (same Call-ID and From tag)
        Assert.Equal(0, phone.AuthenticationFailures);
    }

    [Fact]
    public async Task RequiredAuthentication_WrongPassword_FailsWithAuthenticationRejected()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var phone = await VirtualPhone.StartAsync(Options(("police", LineBehavior.AnswerAndAcknowledge()))
            with { RequireAuthentication = new VirtualPhoneCredentials("panic1", "s3cret") }, ct);
        await using var box = Box(password: "wrong");

        var result = await box.CallAsync(phone.UriFor("police"), TestCalls.Request(), cancellationToken: ct);

        Assert.Equal(CallOutcome.Failed, result.Outcome);
        Assert.Equal(CallFailureKind.AuthenticationRejected, result.Failure!.Kind);
        Assert.Equal(401, result.FinalStatusCode);
        var call = await EndedCallAsync(phone, "police");
        Assert.Equal(VirtualCallEndReason.AuthenticationFailed, call.EndReason);
        Assert.False(call.Authenticated);
        Assert.False(call.Answered);
        Assert.Equal(2, call.AuthenticationChallenges);
        Assert.Contains("wrong password", call.AuthenticationFailure, StringComparison.Ordinal);
        Assert.Equal(1, phone.AuthenticationFailures);
    }

    [Fact]
    public async Task AnswerSilently_TheBoxGivesUpAtItsMaxDuration_NothingPressed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var phone = await VirtualPhone.StartAsync(Options(("police", LineBehavior.AnswerSilently(ringFor: TimeSpan.Zero))), ct);
        await using var box = Box();

        var result = await box.CallAsync(phone.UriFor("police"), TestCalls.Request(maxDuration: TimeSpan.FromSeconds(1)), cancellationToken: ct);

        Assert.Equal(CallOutcome.Answered, result.Outcome);
        Assert.Equal(CallEndReason.MaxDurationReached, result.EndReason);
        Assert.False(result.Acknowledged);
        var call = await EndedCallAsync(phone, "police");
        Assert.Equal(string.Empty, call.DigitsSent);
        Assert.True(call.RtpPacketsReceived > 10);
        Assert.Equal(VirtualCallEndReason.CallerHungUp, call.EndReason);
    }

    [Fact]
    public async Task TheLineHangsUpItself_AfterItsMaximum_TheBoxSeesRemoteHangUp()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var phone = await VirtualPhone.StartAsync(Options(
            ("police", LineBehavior.AnswerSilently(ringFor: TimeSpan.Zero, hangUpAfter: TimeSpan.FromMilliseconds(500)))), ct);
        await using var box = Box();

        var result = await box.CallAsync(phone.UriFor("police"), TestCalls.Request(), cancellationToken: ct);

        Assert.Equal(CallOutcome.Answered, result.Outcome);
        Assert.Equal(CallEndReason.RemoteHangUp, result.EndReason);
        var call = await EndedCallAsync(phone, "police");
        Assert.True(call.ByeSent);
        Assert.Equal(VirtualCallEndReason.PhoneHungUp, call.EndReason);
    }

    [Fact]
    public async Task Register_IsAccepted_WithAuthenticationWhenRequired()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var phone = await VirtualPhone.StartAsync(Options() with { RequireAuthentication = new VirtualPhoneCredentials("panic1", "s3cret") }, ct);
        await using var box = new SipPhone(TestCalls.DirectAccount() with
        {
            Password = "s3cret",
            Registrar = SipUri.Parse($"sip:127.0.0.1:{phone.Port}"),
            RegistrationExpiry = TimeSpan.FromSeconds(120),
        }, TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());

        var registration = await box.RegisterAsync(ct);

        Assert.Equal(RegistrationState.Registered, registration.State);
        Assert.Equal(TimeSpan.FromSeconds(120), registration.GrantedExpiry);
        var registered = Assert.Single(phone.Registrations);
        Assert.Equal("panic1", registered.User);
        Assert.StartsWith("sip:panic1@127.0.0.1:", registered.Contact, StringComparison.Ordinal);
    }
}
