using System.Buffers.Binary;
using Provisioning.Cli.Audio;

namespace Provisioning.Cli.Tests.Units;

public sealed class AudioTests
{
    [Fact]
    public void Wav_round_trips()
    {
        short[] samples = [0, 1000, -1000, short.MaxValue, short.MinValue];

        var (format, read) = WavFile.Read(WavFile.Write(PcmFormat.Telephone, samples));

        Assert.Equal(PcmFormat.Telephone, format);
        Assert.Equal(samples, read);
    }

    [Fact]
    public void A_streamed_wav_with_a_bogus_data_size_reads_what_is_there()
    {
        // espeak-ng --stdout cannot seek back: it declares ~2 GB of data.
        var wav = WavFile.Write(new PcmFormat(22050, 1, 16), [1, 2, 3]);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(40), 0x7FFFF000);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(4), 0x7FFFF024);

        var (_, samples) = WavFile.Read(wav);

        Assert.Equal([1, 2, 3], samples);
    }

    [Fact]
    public void Other_files_are_refused_with_a_reason()
    {
        Assert.Throws<WavFormatException>(() => WavFile.Read("not a wav at all"u8));
    }

    [Fact]
    public void Resampling_keeps_speech_frequencies_and_removes_what_8_kHz_cannot_carry()
    {
        var speech = Tone(1000, 22050, 22050);
        var tooHigh = Tone(5000, 22050, 22050);

        var keptSpeech = Resampler.Resample(speech, 22050, 8000);
        var keptHigh = Resampler.Resample(tooHigh, 22050, 8000);

        Assert.Equal(8000, keptSpeech.Length);
        Assert.InRange(Rms(keptSpeech[100..^100]) / Rms(speech), 0.95, 1.05);

        // 5 kHz would fold back to 3 kHz at 8 kHz: it must be filtered out, not aliased.
        Assert.True(Rms(keptHigh[100..^100]) < 0.02 * Rms(tooHigh), $"alias RMS {Rms(keptHigh[100..^100])}");
    }

    private static short[] Tone(double frequency, int rate, int count) =>
        Enumerable.Range(0, count).Select(i => (short)(10_000 * Math.Sin(2 * Math.PI * frequency * i / rate))).ToArray();

    private static double Rms(short[] samples) => Math.Sqrt(samples.Average(s => (double)s * s));
}
