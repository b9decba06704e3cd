namespace Hardware.Sip.Rtp;

/// <summary>
/// Turns RFC 4733 telephone-event packets into digits, each reported once. All packets of one event
/// share the RTP timestamp of its start and the end packet is sent three times (§2.5.1.4), sometimes
/// with a repeated sequence number (SIPp's pcap): so de-duplication is on (SSRC, timestamp, event),
/// never on sequence numbers (protocols.md §1.10).
/// </summary>
internal sealed class DtmfDetector
{
    private const int Remembered = 64;
    private readonly Queue<(uint Ssrc, uint Timestamp, byte Event)> _order = new();
    private readonly HashSet<(uint Ssrc, uint Timestamp, byte Event)> _seen = [];

    /// <summary>
    /// Feeds one telephone-event packet; returns the digit the first time an event is seen, null otherwise.
    /// An end packet with zero duration is ignored as malformed.
    /// </summary>
    public char? OnPacket(RtpPacket packet)
    {
        if (!TelephoneEvent.TryParse(packet.Payload.Span, out var telephoneEvent) || telephoneEvent.Digit is not { } digit)
        {
            return null;
        }
        if (telephoneEvent.End && telephoneEvent.Duration == 0)
        {
            return null;
        }
        var key = (packet.Ssrc, packet.Timestamp, telephoneEvent.Event);
        if (!_seen.Add(key))
        {
            return null;
        }
        _order.Enqueue(key);
        if (_order.Count > Remembered)
        {
            _seen.Remove(_order.Dequeue());
        }
        return digit;
    }
}
