namespace Provisioning.Cli.Audio;

/// <summary>
/// Band-limited resampling of mono 16-bit audio (windowed sinc). Enough for speech going down a phone line, and
/// it spares the box a dependency on sox.
/// </summary>
internal static class Resampler
{
    /// <summary>Taps on each side of an output sample, in input samples of the lower rate: 16 gives a steep filter.</summary>
    private const int HalfWidth = 16;

    public static short[] Resample(ReadOnlySpan<short> input, int fromRate, int toRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(fromRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(toRate);
        if (fromRate == toRate)
        {
            return input.ToArray();
        }

        var step = (double)fromRate / toRate;

        // Low-pass below the lower Nyquist frequency (a little under it, so the transition band does not alias).
        var cutoff = 0.95 * Math.Min(1.0, (double)toRate / fromRate);
        var reach = HalfWidth / cutoff;
        var outputLength = (int)((long)input.Length * toRate / fromRate);
        var output = new short[outputLength];
        for (var n = 0; n < outputLength; n++)
        {
            var center = n * step;
            var first = Math.Max(0, (int)Math.Ceiling(center - reach));
            var last = Math.Min(input.Length - 1, (int)Math.Floor(center + reach));
            double sum = 0;
            for (var k = first; k <= last; k++)
            {
                var distance = k - center;
                sum += input[k] * cutoff * Sinc(cutoff * distance) * Blackman(distance / reach);
            }

            output[n] = (short)Math.Clamp(Math.Round(sum), short.MinValue, short.MaxValue);
        }

        return output;
    }

    private static double Sinc(double x) => Math.Abs(x) < 1e-9 ? 1.0 : Math.Sin(Math.PI * x) / (Math.PI * x);

    /// <summary>The Blackman window over [-1, 1].</summary>
    private static double Blackman(double x) =>
        Math.Abs(x) >= 1 ? 0 : 0.42 + (0.5 * Math.Cos(Math.PI * x)) + (0.08 * Math.Cos(2 * Math.PI * x));
}
