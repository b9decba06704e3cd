using Hardware.Sip.Audio;

namespace Hardware.Sip.Tests.Unit;

/// <summary>G.711 against the standard's tables: code words, decoder output formula, segment end points.</summary>
public sealed class G711Tests
{
    [Theory]
    [InlineData(0x00, -32124)]
    [InlineData(0x80, 32124)]
    [InlineData(0x7F, 0)]
    [InlineData(0xFF, 0)]
    [InlineData(0xF0, 120)]   // end of segment 0: 14-bit 30
    [InlineData(0xEF, 132)]   // start of segment 1: 14-bit 33
    [InlineData(0x8F, 16764)] // start of segment 7: 14-bit 4191
    [InlineData(0x70, -120)]
    public void MuLaw_KnownCodeWords(int code, int linear)
    {
        Assert.Equal(linear, MuLaw.Decode((byte)code));
    }

    [Fact]
    public void MuLaw_EveryCodeWord_DecodesToTheG711Formula()
    {
        // G.711 Table 2: y = ±((2·mantissa + 33)·2^segment − 33) in 14-bit units; 16-bit = ×4.
        for (var code = 0; code < 256; code++)
        {
            var inverted = ~code & 0xFF;
            var segment = (inverted >> 4) & 7;
            var mantissa = inverted & 0x0F;
            var magnitude = (((2 * mantissa) + 33) << segment) - 33;
            var expected = ((inverted & 0x80) != 0 ? -magnitude : magnitude) * 4;
            Assert.Equal(expected, MuLaw.Decode((byte)code));
        }
    }

    [Theory]
    [InlineData(0, 0xFF)]
    [InlineData(-1, 0x7F)]
    [InlineData(32767, 0x80)]
    [InlineData(-32768, 0x00)]
    [InlineData(123, 0xF0)]   // 14-bit 30.75: still segment 0 (decision value 31)
    [InlineData(124, 0xEF)]   // 14-bit 31: first value of segment 1
    [InlineData(16251, 0x90)] // just below the 4063 decision value: top of segment 6
    [InlineData(16252, 0x8F)] // 14-bit 4063: segment 7
    public void MuLaw_SegmentEndPoints(int linear, int code)
    {
        Assert.Equal((byte)code, MuLaw.Encode((short)linear));
    }

    [Fact]
    public void MuLaw_EncodeDecodeEncode_IsStable()
    {
        for (var code = 0; code < 256; code++)
        {
            var decoded = MuLaw.Decode((byte)code);
            var reencoded = MuLaw.Encode(decoded);
            // 0x7F (−0) re-encodes as 0xFF (+0): the only two codes for one value.
            Assert.Equal(code == 0x7F ? 0xFF : code, reencoded);
        }
    }

    [Theory]
    [InlineData(0xD5, 8)]       // +0 interval, even bits inverted: 0x80 ^ 0x55
    [InlineData(0x55, -8)]
    [InlineData(0xAA, 32256)]   // max: 0xFF ^ 0x55
    [InlineData(0x2A, -32256)]
    [InlineData(0xC5, 264)]     // segment 1 start (0x90 ^ 0x55)
    public void ALaw_KnownCodeWords(int code, int linear)
    {
        Assert.Equal(linear, ALaw.Decode((byte)code));
    }

    [Fact]
    public void ALaw_EveryCodeWord_DecodesToTheG711Formula()
    {
        // G.711 Table 1 (13-bit units, 16-bit = ×8): segment 0 → 2·m+1, segment s ≥ 1 → (2·m+33)·2^(s−1).
        for (var code = 0; code < 256; code++)
        {
            var value = code ^ 0x55;
            var segment = (value >> 4) & 7;
            var mantissa = value & 0x0F;
            var magnitude = segment == 0 ? (2 * mantissa) + 1 : ((2 * mantissa) + 33) << (segment - 1);
            var expected = ((value & 0x80) != 0 ? magnitude : -magnitude) * 8;
            Assert.Equal(expected, ALaw.Decode((byte)code));
        }
    }

    [Theory]
    [InlineData(0, 0xD5)]
    [InlineData(-1, 0x55)]
    [InlineData(32767, 0xAA)]
    [InlineData(-32768, 0x2A)]
    [InlineData(255, 0xDA)]   // 13-bit 31: top of segment 0 (0x8F ^ 0x55)
    [InlineData(256, 0xC5)]   // 13-bit 32: segment 1 (0x90 ^ 0x55)
    public void ALaw_SegmentEndPoints(int linear, int code)
    {
        Assert.Equal((byte)code, ALaw.Encode((short)linear));
    }

    [Fact]
    public void ALaw_EncodeOfDecode_IsIdentity()
    {
        for (var code = 0; code < 256; code++)
        {
            Assert.Equal(code, ALaw.Encode(ALaw.Decode((byte)code)));
        }
    }

    [Fact]
    public void SilenceConstants_AreTheZeroCodes()
    {
        Assert.Equal(MuLaw.Silence, MuLaw.Encode(0));
        Assert.Equal(ALaw.Silence, ALaw.Encode(0));
    }
}
