using System.Buffers.Binary;

namespace Hardware.Sip.Rtp;

/// <summary>An RTP packet (RFC 3550 §5.1): the fixed header fields we use and the payload.</summary>
internal readonly record struct RtpPacket(bool Marker, byte PayloadType, ushort SequenceNumber, uint Timestamp, uint Ssrc, ReadOnlyMemory<byte> Payload)
{
    /// <summary>Size of the fixed header without CSRCs.</summary>
    public const int HeaderSize = 12;

    /// <summary>Writes the packet (V=2, no padding, no extension, no CSRC) into a new array.</summary>
    public byte[] ToBytes()
    {
        var bytes = new byte[HeaderSize + Payload.Length];
        bytes[0] = 0x80;
        bytes[1] = (byte)((Marker ? 0x80 : 0) | (PayloadType & 0x7F));
        BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(2), SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(4), Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), Ssrc);
        Payload.Span.CopyTo(bytes.AsSpan(HeaderSize));
        return bytes;
    }

    /// <summary>
    /// Parses a packet, skipping CSRCs and a header extension and removing padding; false when it is
    /// not RTP version 2 or is too short.
    /// </summary>
    public static bool TryParse(ReadOnlyMemory<byte> data, out RtpPacket packet)
    {
        packet = default;
        var span = data.Span;
        if (span.Length < HeaderSize || (span[0] >> 6) != 2)
        {
            return false;
        }
        var csrcCount = span[0] & 0x0F;
        var offset = HeaderSize + (csrcCount * 4);
        if ((span[0] & 0x10) != 0)
        {
            if (span.Length < offset + 4)
            {
                return false;
            }
            offset += 4 + (BinaryPrimitives.ReadUInt16BigEndian(span[(offset + 2)..]) * 4);
        }
        var end = span.Length;
        if ((span[0] & 0x20) != 0 && end > offset)
        {
            end -= span[end - 1];
        }
        if (offset > end)
        {
            return false;
        }
        packet = new RtpPacket(
            (span[1] & 0x80) != 0,
            (byte)(span[1] & 0x7F),
            BinaryPrimitives.ReadUInt16BigEndian(span[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(span[4..]),
            BinaryPrimitives.ReadUInt32BigEndian(span[8..]),
            data[offset..end]);
        return true;
    }
}
