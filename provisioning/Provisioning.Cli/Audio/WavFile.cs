using System.Buffers.Binary;
using System.Text;

namespace Provisioning.Cli.Audio;

/// <summary>Reads and writes RIFF/WAVE files of 16-bit PCM: what espeak-ng writes and what the box plays.</summary>
internal static class WavFile
{
    private const int FormatPcm = 1;
    private const int FormatExtensible = 0xFFFE;

    /// <summary>
    /// Reads the format and samples. Tolerates the data size espeak-ng writes when streaming to a pipe (it cannot
    /// seek back, so it declares ~2 GB): the samples are what is actually there.
    /// </summary>
    public static (PcmFormat Format, short[] Samples) Read(ReadOnlySpan<byte> wav)
    {
        var format = ReadHeader(wav, out var dataOffset, out var dataLength);
        if (format.BitsPerSample != 16)
        {
            throw new WavFormatException($"{format.BitsPerSample}-bit samples; only 16-bit PCM is handled.");
        }

        var data = wav.Slice(dataOffset, dataLength);
        var samples = new short[data.Length / 2];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = BinaryPrimitives.ReadInt16LittleEndian(data[(i * 2)..]);
        }

        return (format, samples);
    }

    /// <summary>The format and the size of the sample data, from the header alone.</summary>
    public static PcmFormat ReadHeader(ReadOnlySpan<byte> wav, out int dataOffset, out int dataLength)
    {
        if (wav.Length < 12 || !wav[..4].SequenceEqual("RIFF"u8) || !wav[8..12].SequenceEqual("WAVE"u8))
        {
            throw new WavFormatException("not a RIFF/WAVE file.");
        }

        PcmFormat? format = null;
        var position = 12;
        while (position + 8 <= wav.Length)
        {
            var id = wav.Slice(position, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(wav[(position + 4)..]);
            var body = position + 8;
            if (id.SequenceEqual("fmt "u8))
            {
                if (size < 16 || body + 16 > wav.Length)
                {
                    throw new WavFormatException("the 'fmt ' chunk is too short.");
                }

                var tag = BinaryPrimitives.ReadUInt16LittleEndian(wav[body..]);
                if (tag is not (FormatPcm or FormatExtensible))
                {
                    throw new WavFormatException($"audio format {tag} is not PCM.");
                }

                format = new PcmFormat(
                    (int)BinaryPrimitives.ReadUInt32LittleEndian(wav[(body + 4)..]),
                    BinaryPrimitives.ReadUInt16LittleEndian(wav[(body + 2)..]),
                    BinaryPrimitives.ReadUInt16LittleEndian(wav[(body + 14)..]));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (format is null)
                {
                    throw new WavFormatException("the 'data' chunk comes before the 'fmt ' chunk.");
                }

                dataOffset = body;
                dataLength = (int)Math.Min(size, (uint)(wav.Length - body));
                var frame = format.Value.Channels * format.Value.BitsPerSample / 8;
                if (frame > 0)
                {
                    dataLength -= dataLength % frame;
                }

                return format.Value;
            }

            // Chunks are padded to an even size.
            position = (int)Math.Min(int.MaxValue, body + (long)size + (size & 1));
        }

        throw new WavFormatException(format is null ? "no 'fmt ' chunk." : "no 'data' chunk.");
    }

    /// <summary>A canonical 44-byte-header WAV of 16-bit samples.</summary>
    public static byte[] Write(PcmFormat format, ReadOnlySpan<short> samples)
    {
        var bytesPerFrame = format.Channels * 2;
        var dataLength = samples.Length * 2;
        var wav = new byte[44 + dataLength];
        var span = wav.AsSpan();
        Encoding.ASCII.GetBytes("RIFF", span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(36 + dataLength));
        Encoding.ASCII.GetBytes("WAVEfmt ", span[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], FormatPcm);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], (ushort)format.Channels);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], (uint)format.SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], (uint)(format.SampleRate * bytesPerFrame));
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], (ushort)bytesPerFrame);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 16);
        Encoding.ASCII.GetBytes("data", span[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[40..], (uint)dataLength);
        for (var i = 0; i < samples.Length; i++)
        {
            BinaryPrimitives.WriteInt16LittleEndian(span[(44 + (i * 2))..], samples[i]);
        }

        return wav;
    }
}
