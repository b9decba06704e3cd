using Hardware.Sip.Audio;

namespace Provisioning.Cli.Commands.Call;

/// <summary>The message of a test call when none is given: three short beeps, made in memory (8 kHz mono).</summary>
internal static class TestTone
{
    private const int Frequency = 880;
    private const double Amplitude = 0.3;
    private static readonly TimeSpan s_beep = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan s_gap = TimeSpan.FromMilliseconds(150);
    private static readonly TimeSpan s_ramp = TimeSpan.FromMilliseconds(5);

    public static PcmAudio Create()
    {
        var rate = PcmAudio.SampleRate;
        var beep = (int)(s_beep.TotalSeconds * rate);
        var gap = (int)(s_gap.TotalSeconds * rate);
        var ramp = (int)(s_ramp.TotalSeconds * rate);
        var samples = new short[(3 * beep) + (3 * gap)];
        for (var b = 0; b < 3; b++)
        {
            var start = b * (beep + gap);
            for (var i = 0; i < beep; i++)
            {
                // A few milliseconds of fade at each end, so that the beeps do not click.
                var envelope = Math.Min(1.0, Math.Min(i, beep - 1 - i) / (double)ramp);
                var value = Amplitude * envelope * Math.Sin(2 * Math.PI * Frequency * i / rate);
                samples[start + i] = (short)Math.Round(value * short.MaxValue);
            }
        }

        return new PcmAudio(samples);
    }
}
