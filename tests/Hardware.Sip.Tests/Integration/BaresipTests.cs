using System.Net;
using Hardware.Sip.Audio;
using Hardware.Sip.Calls;
using Hardware.Sip.Messages;
using Hardware.Sip.Tests.Peers;

namespace Hardware.Sip.Tests.Integration;

/// <summary>baresip, a real user agent, as an auto-answering callee: it must hear our message and its DTMF must reach us.</summary>
public sealed class BaresipTests
{
    private const int MessageFrequency = 1000;

    [Fact]
    public async Task Callee_HearsTheMessage_RecordedByBaresip()
    {
        await using var baresip = await BaresipPeer.StartAsync(WavReader.Write(Tone(20, 440)));
        await using var phone = new SipPhone(TestCalls.DirectAccount(), TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());
        var request = TestCalls.Request(ackDigit: null) with { Message = new PcmAudio(Tone(2, MessageFrequency)), RepeatMessage = false };

        var result = await phone.CallAsync(SipUri.Parse($"sip:speaker@127.0.0.1:{baresip.Port}"), request,
            cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(CallOutcome.Answered, result.Outcome);
        Assert.Equal(CallEndReason.MessagePlayed, result.EndReason);
        Assert.Equal(1, result.MessagePlays);
        Assert.True(result.RtpAudioPacketsReceived > 20, $"heard only {result.RtpAudioPacketsReceived} packets from baresip");

        var recorded = await WaitForRecordingAsync(baresip);
        // baresip decoded at least 1.5 s of our 2 s tone (its jitter buffer eats the start)...
        var loud = LoudSamples(recorded);
        Assert.True(loud >= 1.5 * PcmAudio.SampleRate, $"only {loud} loud samples recorded");
        // ...and it is our 1 kHz tone, not noise: the 1 kHz energy dwarfs the energy at other frequencies.
        var at1k = Goertzel(recorded, MessageFrequency);
        Assert.True(at1k > 50 * Goertzel(recorded, 1500), "recording is not dominated by 1 kHz");
        Assert.True(at1k > 50 * Goertzel(recorded, 440), "recording is not dominated by 1 kHz");
    }

    [Fact]
    public async Task ThroughKamailio_With407_BaresipSendsDigit1_AndTheCallIsAcknowledged()
    {
        await using var baresip = await BaresipPeer.StartAsync(WavReader.Write(Tone(20, 440)));
        await using var kamailio = await KamailioPeer.StartAsync("MD5", calleePort: baresip.Port);
        var account = new SipAccount
        {
            UserName = KamailioPeer.User,
            Password = KamailioPeer.Password,
            Registrar = SipUri.Parse($"sip:127.0.0.1:{kamailio.Port}"),
            LocalEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
        };
        await using var phone = new SipPhone(account, TestCalls.FastOptions(), loggerFactory: new TestLoggerFactory());
        var answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var progress = new CallbackProgress(step =>
        {
            if (step.Kind == CallStepKind.Answered)
            {
                answered.TrySetResult();
            }
        });

        Assert.True((await phone.RegisterAsync(TestContext.Current.CancellationToken)).Succeeded);
        var call = phone.CallAsync(SipUri.Parse($"sip:speaker@127.0.0.1:{kamailio.Port}"), TestCalls.Request(), progress,
            TestContext.Current.CancellationToken);
        await answered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await baresip.SendCommandAsync("sndcode", "1");
        var result = await call;

        Assert.Equal(CallOutcome.Answered, result.Outcome);
        Assert.True(result.Acknowledged);
        Assert.Equal("1", result.DigitsReceived);
        Assert.Contains(result.Timeline, s => s.Kind == CallStepKind.AuthenticationChallenged && s.StatusCode == 407);
        await kamailio.Process.WaitForLineAsync(l => l.Contains("in-dialog BYE routed", StringComparison.Ordinal), TimeSpan.FromSeconds(5));
    }

    private static async Task<short[]> WaitForRecordingAsync(BaresipPeer baresip)
    {
        // sndfile finalises its WAV when the call's audio stream closes, after our BYE.
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        var deadline = Environment.TickCount64 + 10_000;
        while (Environment.TickCount64 < deadline)
        {
            if (baresip.DecodedRecording() is { } file)
            {
                try
                {
                    var audio = WavReader.Read(await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken), file);
                    if (audio.Duration >= TimeSpan.FromSeconds(1.5))
                    {
                        return audio.Samples.ToArray();
                    }
                }
                catch (WavFormatException) when (Environment.TickCount64 < deadline - 100)
                {
                    // Still being written.
                }
            }
            await poll.WaitForNextTickAsync(TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"baresip wrote no usable recording in {baresip.DumpDirectory}:\n{baresip.Process.Output}");
    }

    private static short[] Tone(double seconds, int frequency) =>
        Enumerable.Range(0, (int)(seconds * PcmAudio.SampleRate))
            .Select(i => (short)(10000 * Math.Sin(2 * Math.PI * frequency * i / PcmAudio.SampleRate))).ToArray();

    private static int LoudSamples(short[] samples)
    {
        // Count samples inside 20 ms windows whose RMS is well above silence.
        var loud = 0;
        for (var start = 0; start + 160 <= samples.Length; start += 160)
        {
            var sum = 0.0;
            for (var i = start; i < start + 160; i++)
            {
                sum += samples[i] * (double)samples[i];
            }
            if (Math.Sqrt(sum / 160) > 2000)
            {
                loud += 160;
            }
        }
        return loud;
    }

    private static double Goertzel(short[] samples, int frequency)
    {
        var coefficient = 2 * Math.Cos(2 * Math.PI * frequency / PcmAudio.SampleRate);
        double previous = 0, beforePrevious = 0;
        foreach (var sample in samples)
        {
            var current = sample + (coefficient * previous) - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        return (previous * previous) + (beforePrevious * beforePrevious) - (coefficient * previous * beforePrevious);
    }
}

/// <summary>Synchronous progress to a callback.</summary>
internal sealed class CallbackProgress(Action<CallStep> onStep) : IProgress<CallStep>
{
    public void Report(CallStep value) => onStep(value);
}
