namespace Hardware.Sip.Audio;

/// <summary>
/// ITU-T G.711 A-law (PCMA) for 16-bit linear samples. The standard works on 13-bit magnitudes
/// (16-bit value / 8); code words have their even bits inverted (XOR 0x55) on the line.
/// </summary>
public static class ALaw
{
    /// <summary>A-law code of silence (+0 → the smallest positive step).</summary>
    public const byte Silence = 0xD5;

    // Upper ends of the 8 segments, in 13-bit magnitude units (G.711 Table 1).
    private static readonly short[] s_segmentEnds = [0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF];

    /// <summary>Encodes one 16-bit linear sample.</summary>
    public static byte Encode(short sample)
    {
        var value = sample >> 3;
        int mask;
        if (value >= 0)
        {
            mask = 0xD5; // sign bit 1 for positive, then even-bit inversion
        }
        else
        {
            mask = 0x55;
            value = -value - 1;
        }
        var segment = 0;
        while (segment < 8 && value > s_segmentEnds[segment])
        {
            segment++;
        }
        if (segment >= 8)
        {
            return (byte)(0x7F ^ mask);
        }
        var code = segment << 4;
        code |= segment < 2 ? (value >> 1) & 0x0F : (value >> segment) & 0x0F;
        return (byte)(code ^ mask);
    }

    /// <summary>Decodes one code word to a 16-bit linear sample.</summary>
    public static short Decode(byte code)
    {
        var value = code ^ 0x55;
        var magnitude = (value & 0x0F) << 4;
        var segment = (value & 0x70) >> 4;
        magnitude = segment switch
        {
            0 => magnitude + 8,
            1 => magnitude + 0x108,
            _ => (magnitude + 0x108) << (segment - 1),
        };
        return (short)((value & 0x80) != 0 ? magnitude : -magnitude);
    }

    /// <summary>Encodes a block of samples.</summary>
    public static void Encode(ReadOnlySpan<short> samples, Span<byte> codes)
    {
        for (var i = 0; i < samples.Length; i++)
        {
            codes[i] = Encode(samples[i]);
        }
    }

    /// <summary>Decodes a block of code words.</summary>
    public static void Decode(ReadOnlySpan<byte> codes, Span<short> samples)
    {
        for (var i = 0; i < codes.Length; i++)
        {
            samples[i] = Decode(codes[i]);
        }
    }
}
