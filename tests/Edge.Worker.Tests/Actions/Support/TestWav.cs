using System.Buffers.Binary;

namespace Edge.Worker.Tests.Actions.Support;

/// <summary>Spoken messages for tests: a sine tone written as a WAV file (no binary committed).</summary>
internal static class TestWav
{
    /// <summary>Writes <paramref name="seconds"/> of a 440 Hz tone, as 16-bit PCM, mono unless told otherwise.</summary>
    public static void WriteTone(string path, double seconds = 1.0, int sampleRate = 8000, short channels = 1)
    {
        var frames = (int)(seconds * sampleRate);
        var dataBytes = frames * channels * 2;
        var bytes = new byte[44 + dataBytes];
        "RIFF"u8.CopyTo(bytes);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), 36 + dataBytes);
        "WAVEfmt "u8.CopyTo(bytes.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(20), 1); // linear PCM
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(22), channels);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(28), sampleRate * channels * 2);
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(32), (short)(channels * 2));
        BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(34), 16);
        "data"u8.CopyTo(bytes.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(40), dataBytes);
        for (var i = 0; i < frames; i++)
        {
            var sample = (short)(10_000 * Math.Sin(2 * Math.PI * 440 * i / sampleRate));
            for (var c = 0; c < channels; c++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(44 + (((i * channels) + c) * 2)), sample);
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
    }
}
