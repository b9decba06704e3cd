using System.Security.Cryptography;

namespace Hardware.Sip;

/// <summary>
/// A <see cref="Random"/> drawing from the OS CSPRNG: tags and Call-IDs must be hard to guess
/// (RFC 3261 §19.3 asks for cryptographic randomness). Tests pass a seeded <see cref="Random"/> instead.
/// </summary>
internal sealed class CryptoRandom : Random
{
    public override int Next() => RandomNumberGenerator.GetInt32(int.MaxValue);

    public override int Next(int maxValue) => maxValue <= 0 ? 0 : RandomNumberGenerator.GetInt32(maxValue);

    public override int Next(int minValue, int maxValue) =>
        minValue >= maxValue ? minValue : RandomNumberGenerator.GetInt32(minValue, maxValue);

    public override void NextBytes(byte[] buffer) => RandomNumberGenerator.Fill(buffer);

    public override void NextBytes(Span<byte> buffer) => RandomNumberGenerator.Fill(buffer);

    public override long NextInt64(long minValue, long maxValue)
    {
        if (minValue >= maxValue)
        {
            return minValue;
        }
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        var range = (ulong)(maxValue - minValue);
        return minValue + (long)(BitConverter.ToUInt64(bytes) % range);
    }

    protected override double Sample()
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        return (BitConverter.ToUInt64(bytes) >> 11) * (1.0 / (1UL << 53));
    }
}
