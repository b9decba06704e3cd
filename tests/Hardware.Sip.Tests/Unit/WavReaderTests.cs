using System.Buffers.Binary;
using Hardware.Sip.Audio;

namespace Hardware.Sip.Tests.Unit;

public sealed class WavReaderTests
{
    [Fact]
    public void ValidFile_WithExtraChunksAndOddPadding_IsRead()
    {
        var samples = new short[] { 0, 1000, -1000, short.MaxValue, short.MinValue };
        var plain = WavReader.Write(samples);
        // Insert a LIST chunk of odd size (with its pad byte) between fmt and data.
        var list = new byte[] { (byte)'L', (byte)'I', (byte)'S', (byte)'T', 3, 0, 0, 0, 1, 2, 3, 0 };
        var bytes = plain[..36].Concat(list).Concat(plain[36..]).ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(bytes.Length - 8));

        var audio = WavReader.Read(bytes);

        Assert.Equal(samples, audio.Samples.ToArray());
        Assert.Equal(TimeSpan.FromSeconds(5 / 8000.0), audio.Duration);
    }

    [Fact]
    public void StreamingWriterSize_ReadsToEndOfFile()
    {
        var bytes = WavReader.Write([1, 2, 3]);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(40), 0xFFFFFFFF);
        Assert.Equal([1, 2, 3], WavReader.Read(bytes).Samples.ToArray());
    }

    [Fact]
    public void WrongSampleRate_IsRefused() =>
        AssertRefused(Patch(WavReader.Write([1, 2]), 24, 44100u), "44100 Hz");

    [Fact]
    public void Stereo_IsRefused() =>
        AssertRefused(Patch16(WavReader.Write([1, 2]), 22, 2), "2 channels");

    [Fact]
    public void NotPcm_IsRefused() =>
        AssertRefused(Patch16(WavReader.Write([1, 2]), 20, 7), "not linear PCM");

    [Fact]
    public void EightBit_IsRefused() =>
        AssertRefused(Patch16(WavReader.Write([1, 2]), 34, 8), "8-bit");

    [Fact]
    public void Truncated_IsRefused() =>
        AssertRefused(WavReader.Write(new short[100])[..100], "truncated");

    [Fact]
    public void Empty_IsRefused() =>
        AssertRefused(WavReader.Write([]), "no audio samples");

    [Fact]
    public void NotRiff_IsRefused() =>
        AssertRefused("ID3 this is an mp3"u8.ToArray(), "not a RIFF/WAVE");

    [Fact]
    public void MissingFile_IsRefusedWithItsName()
    {
        var exception = Assert.Throws<WavFormatException>(() => WavReader.Read("/nonexistent/alerte.wav"));
        Assert.Contains("alerte.wav", exception.Message, StringComparison.Ordinal);
    }

    private static void AssertRefused(byte[] bytes, string expectedText)
    {
        var exception = Assert.Throws<WavFormatException>(() => WavReader.Read(bytes, "alerte.wav"));
        Assert.Contains(expectedText, exception.Message, StringComparison.Ordinal);
        Assert.Contains("alerte.wav", exception.Message, StringComparison.Ordinal);
    }

    private static byte[] Patch(byte[] bytes, int offset, uint value)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(offset), value);
        return bytes;
    }

    private static byte[] Patch16(byte[] bytes, int offset, ushort value)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(offset), value);
        return bytes;
    }
}
