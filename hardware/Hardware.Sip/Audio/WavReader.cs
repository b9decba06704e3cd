using System.Buffers.Binary;
using System.Text;

namespace Hardware.Sip.Audio;

/// <summary>
/// Reads RIFF/WAVE files holding 8 kHz mono 16-bit PCM. Walks the chunk list (skipping LIST, fact…
/// with their pad byte), accepts WAVE_FORMAT_EXTENSIBLE wrapping PCM, and refuses anything else with a
/// message an installer can act on.
/// </summary>
public static class WavReader
{
    private const ushort FormatPcm = 1;
    private const ushort FormatExtensible = 0xFFFE;

    /// <summary>Reads a WAV file.</summary>
    public static PcmAudio Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException ex)
        {
            throw new WavFormatException($"Cannot read WAV file '{path}': {ex.Message}", ex);
        }
        return Read(bytes, path);
    }

    /// <summary>Reads WAV bytes; <paramref name="name"/> only labels error messages.</summary>
    public static PcmAudio Read(ReadOnlySpan<byte> data, string name = "WAV data")
    {
        if (data.Length < 12 || !data[..4].SequenceEqual("RIFF"u8) || !data.Slice(8, 4).SequenceEqual("WAVE"u8))
        {
            throw new WavFormatException($"{name} is not a RIFF/WAVE file.");
        }
        var position = 12;
        (ushort Format, ushort Channels, uint Rate, ushort Bits)? format = null;
        while (position + 8 <= data.Length)
        {
            var id = Encoding.ASCII.GetString(data.Slice(position, 4));
            var size = BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(position + 4, 4));
            var bodyStart = position + 8;
            var available = data.Length - bodyStart;
            if (id == "fmt ")
            {
                if (size < 16 || available < 16)
                {
                    throw new WavFormatException($"{name} has a truncated 'fmt ' chunk.");
                }
                var fmt = data.Slice(bodyStart, 16);
                var tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
                if (tag == FormatExtensible && size >= 40 && available >= 40)
                {
                    // The real format is the first two bytes of the SubFormat GUID (offset 24 in the extension).
                    tag = BinaryPrimitives.ReadUInt16LittleEndian(data.Slice(bodyStart + 24, 2));
                }
                format = (tag, BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]),
                    BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]), BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]));
            }
            else if (id == "data")
            {
                if (format is not { } f)
                {
                    throw new WavFormatException($"{name} has its 'data' chunk before any 'fmt ' chunk.");
                }
                Validate(f, name);
                long length = size;
                // Streaming writers leave 0 or 0xFFFFFFFF when they could not seek back: read to the end.
                if (size is 0xFFFFFFFF || (size == 0 && available > 0))
                {
                    length = available;
                }
                else if (size > available)
                {
                    throw new WavFormatException(
                        $"{name} is truncated: its 'data' chunk declares {size} bytes but only {available} are present.");
                }
                var sampleCount = (int)(length / 2);
                if (sampleCount == 0)
                {
                    throw new WavFormatException($"{name} contains no audio samples.");
                }
                var samples = new short[sampleCount];
                for (var i = 0; i < sampleCount; i++)
                {
                    samples[i] = BinaryPrimitives.ReadInt16LittleEndian(data.Slice(bodyStart + (i * 2), 2));
                }
                return new PcmAudio(samples);
            }
            // Chunks are word aligned: an odd size is followed by a pad byte (RIFF spec).
            position = (int)Math.Min(int.MaxValue, bodyStart + (long)size + (size & 1));
        }
        throw new WavFormatException(format is null
            ? $"{name} has no 'fmt ' chunk (truncated or not a WAV file)."
            : $"{name} has no 'data' chunk (truncated or empty).");
    }

    private static void Validate((ushort Format, ushort Channels, uint Rate, ushort Bits) f, string name)
    {
        if (f.Format != FormatPcm)
        {
            throw new WavFormatException($"{name} is not linear PCM (format tag {f.Format}); convert it to 16-bit PCM.");
        }
        if (f.Channels != 1)
        {
            throw new WavFormatException($"{name} has {f.Channels} channels; a mono file is required.");
        }
        if (f.Rate != PcmAudio.SampleRate)
        {
            throw new WavFormatException($"{name} is sampled at {f.Rate} Hz; telephony needs 8000 Hz.");
        }
        if (f.Bits != 16)
        {
            throw new WavFormatException($"{name} has {f.Bits}-bit samples; 16-bit samples are required.");
        }
    }

    /// <summary>Writes 8 kHz mono 16-bit PCM as a minimal WAV (used by tests and tools).</summary>
    public static byte[] Write(ReadOnlySpan<short> samples)
    {
        var bytes = new byte[44 + (samples.Length * 2)];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(4), (uint)(36 + (samples.Length * 2)));
        "WAVEfmt "u8.CopyTo(bytes.AsSpan(8));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(16), 16);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(20), FormatPcm);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(22), 1);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(24), PcmAudio.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(28), PcmAudio.SampleRate * 2);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(32), 2);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(34), 16);
        "data"u8.CopyTo(bytes.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(40), (uint)(samples.Length * 2));
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(44 + (i * 2)), samples[i]);
        }
        return bytes;
    }
}
