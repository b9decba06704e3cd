using System.Net;
using Hardware.Sip.Audio;
using Hardware.Sip.Calls;
using Hardware.Sip.Transactions;

namespace Hardware.Sip.Tests.Integration;

/// <summary>Accounts, messages and a synchronous progress recorder shared by the tests against peers.</summary>
internal static class TestCalls
{
    /// <summary>A phone on 127.0.0.1 with no registrar: direct calls to a URI.</summary>
    public static SipAccount DirectAccount() => new()
    {
        UserName = "panic1",
        DisplayName = "Mairie accueil",
        LocalEndPoint = new IPEndPoint(IPAddress.Loopback, 0),
    };

    /// <summary>Short timers so that a lost peer fails a test in seconds, not in 32 s.</summary>
    public static SipPhoneOptions FastOptions() => new()
    {
        Timers = new SipTimers { T1 = TimeSpan.FromMilliseconds(100), T2 = TimeSpan.FromMilliseconds(800), T4 = TimeSpan.FromSeconds(1) },
    };

    /// <summary>A two-tone message (1 kHz then 600 Hz) of the given length.</summary>
    public static PcmAudio Message(double seconds = 1.0, int frequency = 1000)
    {
        var samples = new short[(int)(seconds * PcmAudio.SampleRate)];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(12000 * Math.Sin(2 * Math.PI * frequency * i / PcmAudio.SampleRate));
        }
        return new PcmAudio(samples);
    }

    public static CallRequest Request(TimeSpan? maxDuration = null, TimeSpan? ringTimeout = null, char? ackDigit = '1') => new()
    {
        Message = Message(),
        AcknowledgementDigit = ackDigit,
        RingTimeout = ringTimeout ?? TimeSpan.FromSeconds(10),
        MaxCallDuration = maxDuration ?? TimeSpan.FromSeconds(15),
        PauseBetweenRepetitions = TimeSpan.FromMilliseconds(200),
    };
}

/// <summary>Records progress synchronously, in order (Progress&lt;T&gt; would post to the thread pool).</summary>
internal sealed class StepRecorder : IProgress<CallStep>
{
    private readonly List<CallStep> _steps = [];

    public IReadOnlyList<CallStep> Steps
    {
        get
        {
            lock (_steps)
            {
                return _steps.ToArray();
            }
        }
    }

    public IReadOnlyList<CallStepKind> Kinds => Steps.Select(s => s.Kind).ToArray();

    public void Report(CallStep value)
    {
        lock (_steps)
        {
            _steps.Add(value);
        }
    }
}
