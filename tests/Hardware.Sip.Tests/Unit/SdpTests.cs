using System.Net;
using Hardware.Sip.Sdp;

namespace Hardware.Sip.Tests.Unit;

public sealed class SdpTests
{
    // baresip 1.0.0's answer shape (protocols.md §1.8), with attributes we do not know.
    private const string BaresipAnswer =
        "v=0\r\no=- 1813411962 1813411962 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
        "a=tool:baresip 1.0.0\r\nm=audio 10052 RTP/AVP 8 0 96\r\nb=AS:64\r\na=rtpmap:96 telephone-event/8000\r\n" +
        "a=fmtp:96 0-15\r\na=minptime:10\r\na=ssrc:2950230219 cname:sip:speaker@127.0.0.1\r\na=label:1\r\na=ptime:20\r\na=sendrecv\r\n" +
        "m=video 0 RTP/AVP 96\r\nc=IN IP4 192.0.2.99\r\n";

    [Fact]
    public void Answer_FirstCommonCodecAndTheAnswersTelephoneEventNumberAreUsed()
    {
        var sdp = SdpSession.Parse(BaresipAnswer);
        var media = MediaNegotiation.FromAnswer(sdp)!;
        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 10052), media.RemoteEndPoint);
        Assert.Equal(AudioCodec.Pcma, media.Codec); // static PT 8 without rtpmap, listed first
        Assert.Equal(96, media.TelephoneEventPayloadType);
        Assert.Equal("sendrecv", media.Direction);
    }

    [Fact]
    public void Answer_WithoutCommonCodec_GivesNoNegotiation()
    {
        var sdp = SdpSession.Parse("v=0\r\nc=IN IP4 127.0.0.1\r\nm=audio 4000 RTP/AVP 9 18\r\na=rtpmap:9 G722/8000\r\n");
        Assert.Null(MediaNegotiation.FromAnswer(sdp));
        Assert.Throws<FormatException>(() => SdpSession.Parse("v=0\r\nm=video 4000 RTP/AVP 96\r\n"));
    }

    [Fact]
    public void Offer_ListsPcmuPcmaAndTelephoneEvent()
    {
        var offer = new SdpOffer(IPAddress.Parse("10.0.0.5"), 40000, 3911111111).Build();
        Assert.Contains("m=audio 40000 RTP/AVP 0 8 101\r\n", offer, StringComparison.Ordinal);
        Assert.Contains("a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n", offer, StringComparison.Ordinal);
        Assert.Contains("c=IN IP4 10.0.0.5\r\n", offer, StringComparison.Ordinal);
        var parsed = SdpSession.Parse(offer);
        Assert.Equal([0, 8, 101], parsed.PayloadTypes);
        Assert.Equal(101, parsed.TelephoneEventPayloadType);
    }
}
