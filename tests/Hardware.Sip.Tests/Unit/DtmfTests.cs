using Hardware.Sip.Rtp;

namespace Hardware.Sip.Tests.Unit;

public sealed class DtmfTests
{
    [Fact]
    public void SippPcapPattern_ReportsOneDigit()
    {
        // dtmf_2833_1.pcap: event 1, duration 0→2240 by 320, three E=1 packets with the SAME sequence number.
        var detector = new DtmfDetector();
        var digits = new List<char>();
        ushort seq = 7984;
        for (ushort duration = 0; duration <= 1920; duration += 320)
        {
            Feed(detector, digits, seq++, 1000, 1, end: false, duration, marker: duration == 0);
        }
        for (var i = 0; i < 3; i++)
        {
            Feed(detector, digits, 7991, 1000, 1, end: true, 2240);
        }
        Assert.Equal(['1'], digits);
    }

    [Fact]
    public void BaresipPattern_WithIncrementingSequence_ReportsOneDigitPerPress()
    {
        var detector = new DtmfDetector();
        var digits = new List<char>();
        ushort seq = 100;
        foreach (var (timestamp, evt) in new[] { (8000u, (byte)1), (16000u, (byte)1), (24000u, (byte)11) })
        {
            for (ushort duration = 160; duration <= 800; duration += 160)
            {
                Feed(detector, digits, seq++, timestamp, evt, end: false, duration);
            }
            for (var i = 0; i < 3; i++)
            {
                Feed(detector, digits, seq++, timestamp, evt, end: true, 960);
            }
        }
        Assert.Equal(['1', '1', '#'], digits);
    }

    [Fact]
    public void SameTimestamp_FromAnotherSsrc_IsAnotherEvent()
    {
        var detector = new DtmfDetector();
        Assert.Equal('5', detector.OnPacket(Packet(1, 500, 5, false, 160, ssrc: 1)));
        Assert.Null(detector.OnPacket(Packet(2, 500, 5, false, 320, ssrc: 1)));
        Assert.Equal('5', detector.OnPacket(Packet(1, 500, 5, false, 160, ssrc: 2)));
    }

    [Fact]
    public void EndPacketWithZeroDuration_IsIgnored_AndFlashIsNotADigit()
    {
        var detector = new DtmfDetector();
        Assert.Null(detector.OnPacket(Packet(1, 500, 1, true, 0)));
        Assert.Null(detector.OnPacket(Packet(2, 900, 16, false, 160)));
        Assert.Equal('*', detector.OnPacket(Packet(3, 1300, 10, false, 160)));
        Assert.Equal('D', detector.OnPacket(Packet(4, 1700, 15, false, 160)));
    }

    private static void Feed(DtmfDetector detector, List<char> digits, ushort seq, uint timestamp, byte evt, bool end, ushort duration, bool marker = false)
    {
        if (detector.OnPacket(Packet(seq, timestamp, evt, end, duration, marker: marker)) is { } digit)
        {
            digits.Add(digit);
        }
    }

    private static RtpPacket Packet(ushort seq, uint timestamp, byte evt, bool end, ushort duration, uint ssrc = 0x1234, bool marker = false)
    {
        var bytes = new TelephoneEvent(evt, end, 10, duration).ToBytes();
        var wire = new RtpPacket(marker, 101, seq, timestamp, ssrc, bytes).ToBytes();
        Assert.True(RtpPacket.TryParse(wire, out var parsed));
        return parsed;
    }
}
