using Hardware.Sip.Messages;

namespace Hardware.Sip;

/// <summary>Draws tags, branches, Call-IDs and nonces from one (thread-safe) random source.</summary>
internal sealed class SipIdGenerator
{
    public SipIdGenerator(Random? random)
    {
        Random = random ?? new CryptoRandom();
    }

    /// <summary>The underlying source; lock on it when using it directly.</summary>
    public Random Random { get; }

    /// <summary>A From/To tag with 64 random bits (§19.3 asks for at least 32).</summary>
    public string NewTag() => Hex(8);

    /// <summary>A branch unique across space and time, starting with the magic cookie (§8.1.1.7).</summary>
    public string NewBranch() => ViaHeader.MagicCookie + Hex(10);

    /// <summary>A globally unique Call-ID (§8.1.1.4).</summary>
    public string NewCallId(string host) => Hex(16) + "@" + host;

    /// <summary>A client nonce for digest qop=auth.</summary>
    public string NewClientNonce() => Hex(8);

    /// <summary>An SDP session id (RFC 4566 §5.2 recommends an NTP-like number; any unique one works).</summary>
    public ulong NewSessionId()
    {
        lock (Random)
        {
            return (ulong)Random.NextInt64(1_000_000_000, 9_000_000_000);
        }
    }

    private string Hex(int bytes)
    {
        var buffer = new byte[bytes];
        lock (Random)
        {
            Random.NextBytes(buffer);
        }
        return Convert.ToHexStringLower(buffer);
    }
}
