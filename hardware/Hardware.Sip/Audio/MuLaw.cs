namespace Hardware.Sip.Audio;

/// <summary>
/// ITU-T G.711 µ-law (PCMU) for 16-bit linear samples. The 14-bit magnitudes of the standard are the
/// 16-bit values divided by 4; a code word is the one's complement of sign|segment|mantissa.
/// </summary>
public static class MuLaw
{
    /// <summary>µ-law code of silence (+0).</summary>
    public const byte Silence = 0xFF;

    private const int Bias = 0x84; // 33 in 14-bit units, shifted to 16 bits
    private const int Clip = 32635;

    /// <summary>Encodes one 16-bit linear sample.</summary>
    public static byte Encode(short sample)
    {
        int value = sample;
        var sign = value < 0 ? 0x80 : 0;
        if (value < 0)
        {
            value = -value;
        }
        if (value > Clip)
        {
            value = Clip;
        }
        value += Bias;
        var segment = 7;
        for (var mask = 0x4000; (value & mask) == 0 && segment > 0; mask >>= 1)
        {
            segment--;
        }
        var mantissa = (value >> (segment + 3)) & 0x0F;
        return (byte)~(sign | (segment << 4) | mantissa);
    }

    /// <summary>Decodes one code word to a 16-bit linear sample (0x7F and 0xFF both give 0).</summary>
    public static short Decode(byte code)
    {
        var inverted = ~code & 0xFF;
        var segment = (inverted >> 4) & 0x07;
        var mantissa = inverted & 0x0F;
        var magnitude = (((mantissa << 3) + Bias) << segment) - Bias;
        return (short)((inverted & 0x80) != 0 ? -magnitude : magnitude);
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
