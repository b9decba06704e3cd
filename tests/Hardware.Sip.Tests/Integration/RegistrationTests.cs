using System.Net;
using Hardware.Sip.Messages;
using Hardware.Sip.Registration;
using Hardware.Sip.Tests.Peers;
using Microsoft.Extensions.Time.Testing;

namespace Hardware.Sip.Tests.Integration;

/// <summary>REGISTER details against a scripted registrar: refresh timing on a fake clock, 423, rport/received.</summary>
public sealed class RegistrationTests
{
    [Fact]
    public async Task Refresh_HappensAt80PercentOfTheGrantedExpiry_OnTheInjectedClock()
    {
        using var registrar = new ScriptedPeer();
        var time = new TimerWatchingClock();
        await using var phone = new SipPhone(Account(registrar), TestCalls.FastOptions(), time, new TestLoggerFactory());

        var registering = phone.RegisterAsync(TestContext.Current.CancellationToken);
        var first = await registrar.ExpectRequestAsync("REGISTER");
        Assert.Equal("300", first.Headers.Get("Expires"));
        await registrar.SendAsync(Ok(first, $"<{first.Contact!.Uri}>;expires=60"));
        var result = await registering;
        Assert.Equal(TimeSpan.FromSeconds(60), result.GrantedExpiry);

        // The background loop arms its refresh timer on the injected clock from a thread-pool task: the clock must not
        // move before it did (a timer armed late fires late), so wait for that timer, the only one longer than Timer F.
        var start = time.GetUtcNow();
        var refreshTimer = await time.WaitForTimerAsync(d => d > TestCalls.FastOptions().Timers.TransactionTimeout, TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.FromSeconds(48), refreshTimer);  // 80 % of 60 s, armed while the clock still read start

        // Walk the fake clock a second at a time; nothing before 48 s, the refresh once the clock reads 48 s.
        for (var second = 1; second < 48; second++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            Assert.Null(await registrar.TryReceiveAsync(TimeSpan.FromMilliseconds(30)));
        }
        time.Advance(TimeSpan.FromSeconds(1));
        var refresh = await registrar.ExpectRequestAsync("REGISTER");
        Assert.Equal(48, (time.GetUtcNow() - start).TotalSeconds);
        Assert.Equal(first.CallId, refresh.CallId);             // same Call-ID for every refresh (§10.2.4)
        Assert.Equal(first.From.Tag, refresh.From.Tag);
        Assert.Equal(first.CSeq.Number + 1, refresh.CSeq.Number);
        await registrar.SendAsync(Ok(refresh, $"<{refresh.Contact!.Uri}>;expires=60"));
    }

    [Fact]
    public async Task IntervalTooBrief423_IsRetriedWithMinExpires()
    {
        using var registrar = new ScriptedPeer();
        var account = Account(registrar) with { RegistrationExpiry = TimeSpan.FromSeconds(30) };
        await using var phone = new SipPhone(account, TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());

        var registering = phone.RegisterAsync(TestContext.Current.CancellationToken);
        var first = await registrar.ExpectRequestAsync("REGISTER");
        var tooBrief = SipResponse.For(first, 423, "Interval Too Brief", "r");
        tooBrief.Headers.Add("Min-Expires", "600");
        await registrar.SendAsync(tooBrief);
        var second = await registrar.ExpectRequestAsync("REGISTER");
        Assert.Equal("600", second.Headers.Get("Expires"));
        await registrar.SendAsync(Ok(second, null, expiresHeader: "600"));

        var result = await registering;
        Assert.True(result.Succeeded);
        Assert.Equal(TimeSpan.FromSeconds(600), result.GrantedExpiry);
    }

    [Fact]
    public async Task ReceivedAndRport_FromTheRegistrar_BecomeTheContact()
    {
        using var registrar = new ScriptedPeer();
        await using var phone = new SipPhone(Account(registrar), TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());

        var registering = phone.RegisterAsync(TestContext.Current.CancellationToken);
        var first = await registrar.ExpectRequestAsync("REGISTER");
        Assert.Contains(first.TopVia.Parameters, p => p.Key == "rport" && p.Value is null); // empty rport asked (RFC 3581)
        Assert.Equal("127.0.0.1", first.Contact!.Uri.Host);
        // A NAT in between: the registrar saw us at 192.0.2.77:5099 (documentation address; nothing is sent there).
        var natted = Ok(first, $"<{first.Contact.Uri}>;expires=300");
        natted.Headers.Set("Via", first.Headers.Get("Via")!.Replace(";rport", ";rport=5099;received=192.0.2.77", StringComparison.Ordinal));
        await registrar.SendAsync(natted);

        var second = await registrar.ExpectRequestAsync("REGISTER");
        Assert.Equal("192.0.2.77", second.Contact!.Uri.Host);
        Assert.Equal(5099, second.Contact.Uri.Port);
        await registrar.SendAsync(Ok(second, $"<{second.Contact.Uri}>;expires=300"));

        var result = await registering;
        Assert.True(result.Succeeded);
        Assert.Equal(RegistrationState.Registered, phone.RegistrationState);
        Assert.Contains("192.0.2.77:5099", result.Contact, StringComparison.Ordinal);
    }

    private static SipAccount Account(ScriptedPeer registrar) => new()
    {
        UserName = "panic1",
        Registrar = SipUri.Parse($"sip:127.0.0.1:{registrar.Port}"),
        LocalEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
    };

    private static SipResponse Ok(SipRequest request, string? contact, string? expiresHeader = null)
    {
        var ok = SipResponse.For(request, 200, "OK", "reg");
        if (contact is not null)
        {
            ok.Headers.Add("Contact", contact);
        }
        if (expiresHeader is not null)
        {
            ok.Headers.Add("Expires", expiresHeader);
        }
        return ok;
    }

    /// <summary>A fake clock that tells the test when a timer is armed on it, and for how long.</summary>
    private sealed class TimerWatchingClock : FakeTimeProvider
    {
        private readonly List<(Func<TimeSpan, bool> Match, TaskCompletionSource<TimeSpan> Signal)> _waiters = [];
        private readonly List<TimeSpan> _armed = [];

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            List<TaskCompletionSource<TimeSpan>> fire = [];
            lock (_armed)
            {
                _armed.Add(dueTime);
                fire.AddRange(_waiters.Where(w => w.Match(dueTime)).Select(w => w.Signal));
                _waiters.RemoveAll(w => w.Match(dueTime));
            }
            fire.ForEach(signal => signal.TrySetResult(dueTime));
            return timer;
        }

        /// <summary>The due time of the first timer (already armed or armed later) that matches.</summary>
        public Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> match, TimeSpan timeout)
        {
            lock (_armed)
            {
                foreach (var armed in _armed.Where(match))
                {
                    return Task.FromResult(armed);
                }
                var signal = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiters.Add((match, signal));
                return signal.Task.WaitAsync(timeout, TestContext.Current.CancellationToken);
            }
        }
    }
}
