using System.Buffers.Binary;

namespace Hardware.Sip.Rtp;

/// <summary>An RFC 4733 §2.3 telephone-event payload: event, end bit, volume, duration.</summary>
internal readonly record struct TelephoneEvent(byte Event, bool End, byte Volume, ushort Duration)
{
    /// <summary>Parses the 4-byte payload.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out TelephoneEvent telephoneEvent)
    {
        telephoneEvent = default;
        if (payload.Length < 4)
        {
            return false;
        }
        telephoneEvent = new TelephoneEvent(payload[0], (payload[1] & 0x80) != 0, (byte)(payload[1] & 0x3F),
            BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
        return true;
    }

    /// <summary>Writes the 4-byte payload.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[4];
        bytes[0] = Event;
        bytes[1] = (byte)((End ? 0x80 : 0) | (Volume & 0x3F));
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), Duration);
        return bytes;
    }

    /// <summary>The DTMF character of an event code (RFC 4733 §3.2): 0–9, *, #, A–D; null for others (flash…).</summary>
    public char? Digit => Event switch
    {
        <= 9 => (char)('0' + Event),
        10 => '*',
        11 => '#',
        >= 12 and <= 15 => (char)('A' + (Event - 12)),
        _ => null,
    };
}
