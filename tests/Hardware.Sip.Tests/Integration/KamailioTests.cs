using System.Net;
using Hardware.Sip.Calls;
using Hardware.Sip.Messages;
using Hardware.Sip.Registration;
using Hardware.Sip.Tests.Peers;

namespace Hardware.Sip.Tests.Integration;

/// <summary>kamailio as registrar (401) and authenticating proxy (407), MD5 and SHA-256, UDP and TCP.</summary>
public sealed class KamailioTests
{
    [Theory]
    [InlineData("MD5")]
    [InlineData("SHA-256")]
    public async Task Register_AnswersThe401Challenge(string algorithm)
    {
        await using var kamailio = await KamailioPeer.StartAsync(algorithm, calleePort: 9);
        var logs = new TestLoggerFactory();
        await using var phone = new SipPhone(Account(kamailio), TestCalls.FastOptions(), loggerFactory: logs);

        var result = await phone.RegisterAsync(TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Equal(200, result.StatusCode);
        Assert.Equal(algorithm, result.AuthenticationAlgorithm);
        Assert.Equal(TimeSpan.FromSeconds(300), result.GrantedExpiry);
        Assert.Equal(RegistrationState.Registered, phone.RegistrationState);
        await kamailio.Process.WaitForLineAsync(l => l.Contains("REGISTER accepted for panic1 via udp", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        // The password and digest responses never reach the logs.
        Assert.DoesNotContain(logs.Lines, l => l.Contains(KamailioPeer.Password, StringComparison.Ordinal) || l.Contains("response=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Register_WithWrongPassword_FailsWithoutLooping()
    {
        await using var kamailio = await KamailioPeer.StartAsync("MD5", calleePort: 9);
        await using var phone = new SipPhone(Account(kamailio) with { Password = "wrong" }, TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());

        var result = await phone.RegisterAsync(TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        Assert.Equal(RegistrationState.Failed, result.State);
        Assert.Equal(401, result.StatusCode);
        Assert.Contains("rejected", result.Reason, StringComparison.Ordinal);
        var challenges = kamailio.Process.Output.Split('\n').Count(l => l.Contains("REGISTER challenge", StringComparison.Ordinal));
        Assert.Equal(2, challenges); // first challenge, then the one that rejects our answer; no third attempt
    }

    [Fact]
    public async Task Register_OverTcp_WhenTheRegistrarUriSaysSo()
    {
        await using var kamailio = await KamailioPeer.StartAsync("MD5", calleePort: 9);
        var account = Account(kamailio) with { Registrar = SipUri.Parse($"sip:127.0.0.1:{kamailio.Port};transport=tcp") };
        await using var phone = new SipPhone(account, TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());

        var result = await phone.RegisterAsync(TestContext.Current.CancellationToken);

        Assert.True(result.Succeeded, result.Reason);
        Assert.Contains("transport=tcp", result.Contact, StringComparison.Ordinal);
        await kamailio.Process.WaitForLineAsync(l => l.Contains("REGISTER accepted for panic1 via tcp", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Registration_IsRefreshedBeforeTheGrantedExpiry()
    {
        await using var kamailio = await KamailioPeer.StartAsync("MD5", calleePort: 9);
        var account = Account(kamailio) with { RegistrationExpiry = TimeSpan.FromSeconds(2) };
        await using var phone = new SipPhone(account, TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());
        var refreshed = new TaskCompletionSource<RegistrationResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var count = 0;
        phone.RegistrationChanged += (_, r) =>
        {
            if (Interlocked.Increment(ref count) == 2)
            {
                refreshed.TrySetResult(r);
            }
        };

        var first = await phone.RegisterAsync(TestContext.Current.CancellationToken);
        var second = await refreshed.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.True(first.Succeeded, first.Reason);
        Assert.Equal(TimeSpan.FromSeconds(2), first.GrantedExpiry);
        Assert.True(second.Succeeded, second.Reason);
        // Refreshed at 80 % of the 2 s granted, so before the binding expired.
        Assert.InRange((second.At - first.At).TotalSeconds, 1.0, 2.0);
    }

    [Theory]
    [InlineData("MD5")]
    [InlineData("SHA-256")]
    public async Task Call_ThroughTheProxy_Answers407_AndIsAcknowledged(string algorithm)
    {
        await using var sipp = await SippPeer.StartUasAsync("uas_dtmf.xml");
        await using var kamailio = await KamailioPeer.StartAsync(algorithm, calleePort: sipp.Port);
        await using var phone = new SipPhone(Account(kamailio), TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());
        var progress = new StepRecorder();

        var registration = await phone.RegisterAsync(TestContext.Current.CancellationToken);
        var result = await phone.CallAsync(SipUri.Parse($"sip:police@127.0.0.1:{kamailio.Port}"), TestCalls.Request(), progress,
            TestContext.Current.CancellationToken);

        Assert.True(registration.Succeeded, registration.Reason);
        Assert.Equal(CallOutcome.Answered, result.Outcome);
        Assert.True(result.Acknowledged);
        var challenge = Assert.Single(progress.Steps, s => s.Kind == CallStepKind.AuthenticationChallenged);
        Assert.Equal(407, challenge.StatusCode);
        Assert.Equal(2, progress.Steps.Count(s => s.Kind == CallStepKind.InviteSent));
        Assert.Equal(0, await sipp.WaitForExitAsync()); // ACK and BYE reached the callee through kamailio's Record-Route
        var messages = sipp.Messages;
        Assert.Contains($"Record-Route: <sip:127.0.0.1:{kamailio.Port};lr", messages, StringComparison.Ordinal);
        await kamailio.Process.WaitForLineAsync(l => l.Contains("in-dialog ACK routed", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        await kamailio.Process.WaitForLineAsync(l => l.Contains("in-dialog BYE routed", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.Contains("CSeq: 2 INVITE", messages, StringComparison.Ordinal); // the authenticated retry
        Assert.Contains("CSeq: 3 BYE", messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallOverTcp_CalleesByeComesBackOnOurConnection()
    {
        await using var sipp = await SippPeer.StartUasAsync("uas_hangup.xml");
        await using var kamailio = await KamailioPeer.StartAsync("MD5", calleePort: sipp.Port);
        await using var phone = new SipPhone(Account(kamailio), TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());
        var progress = new StepRecorder();

        var result = await phone.CallAsync(SipUri.Parse($"sip:police@127.0.0.1:{kamailio.Port};transport=tcp"), TestCalls.Request(), progress,
            TestContext.Current.CancellationToken);

        Assert.Equal(CallOutcome.Answered, result.Outcome);
        Assert.Equal(CallEndReason.RemoteHangUp, result.EndReason);
        Assert.Contains(CallStepKind.AuthenticationChallenged, progress.Kinds);
        await kamailio.Process.WaitForLineAsync(l => l.Contains("INVITE accepted for police via tcp", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        await kamailio.Process.WaitForLineAsync(l => l.Contains("in-dialog ACK routed via tcp", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        await kamailio.Process.WaitForLineAsync(l => l.Contains("in-dialog BYE routed via udp", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.Equal(0, await sipp.WaitForExitAsync()); // our 200 to its BYE went back through kamailio
    }

    [Fact]
    public async Task OutboundProxy_WithoutRegistrar_CarriesTheCallToAnyTarget()
    {
        await using var sipp = await SippPeer.StartUasAsync("uas_busy.xml");
        await using var kamailio = await KamailioPeer.StartAsync("MD5", calleePort: sipp.Port);
        var account = Account(kamailio) with { Registrar = null, OutboundProxy = SipUri.Parse($"sip:127.0.0.1:{kamailio.Port}") };
        await using var phone = new SipPhone(account, TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());

        // Port 9 (discard) is never contacted: every request goes to the proxy, with a Route header.
        var result = await phone.CallAsync(SipUri.Parse("sip:police@127.0.0.1:9"), TestCalls.Request(),
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(CallOutcome.Busy, result.Outcome);
        Assert.Contains(result.Timeline, s => s.Kind == CallStepKind.AuthenticationChallenged && s.StatusCode == 407);
        await kamailio.Process.WaitForLineAsync(l => l.Contains("INVITE accepted for police via udp", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.Equal(0, await sipp.WaitForExitAsync());
        Assert.Contains("INVITE sip:police@127.0.0.1:9 SIP/2.0", sipp.Messages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LargeInvite_GoesOverTcp_Rfc3261Section18_1_1()
    {
        await using var sipp = await SippPeer.StartUasAsync("uas_busy.xml");
        await using var kamailio = await KamailioPeer.StartAsync("MD5", calleePort: sipp.Port);
        // A display name long enough to push the INVITE past 1300 bytes.
        var account = Account(kamailio) with { DisplayName = "Mairie - " + new string('x', 900) };
        await using var phone = new SipPhone(account, TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());

        var result = await phone.CallAsync(SipUri.Parse($"sip:police@127.0.0.1:{kamailio.Port}"), TestCalls.Request(),
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(CallOutcome.Busy, result.Outcome);
        await kamailio.Process.WaitForLineAsync(l => l.Contains("INVITE accepted for police via tcp", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
        Assert.Equal(0, await sipp.WaitForExitAsync());
    }

    private static SipAccount Account(KamailioPeer kamailio) => new()
    {
        UserName = KamailioPeer.User,
        Password = KamailioPeer.Password,
        DisplayName = "Mairie accueil",
        Registrar = SipUri.Parse($"sip:127.0.0.1:{kamailio.Port}"),
        LocalEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
    };
}
