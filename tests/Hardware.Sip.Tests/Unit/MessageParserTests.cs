using System.Text;
using Hardware.Sip.Messages;

namespace Hardware.Sip.Tests.Unit;

public sealed class MessageParserTests
{
    // kamailio 5.6.3's 401 as captured in protocols.md §1.3 (rport/received filled in, RFC 3581).
    private const string KamailioChallenge =
        "SIP/2.0 401 Unauthorized\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:5095;branch=z9hG4bK-11172-1-0;rport=5095;received=127.0.0.1\r\n" +
        "From: <sip:panic1@127.0.0.1>;tag=11172SIPpTag001\r\n" +
        "To: <sip:panic1@127.0.0.1>;tag=b27e1a1d33761e85846fc98f5f3a7e58.f0f5\r\n" +
        "Call-ID: 1-11172@127.0.0.1\r\n" +
        "CSeq: 1 REGISTER\r\n" +
        "WWW-Authenticate: Digest realm=\"127.0.0.1\", nonce=\"awrydmsK8UqdsZAJrW60o9ZXZxG54mAr\", qop=\"auth\"\r\n" +
        "Server: kamailio (5.6.3 (x86_64/linux))\r\n" +
        "Content-Length: 0\r\n\r\n";

    // A baresip-style 200 OK with compact headers, a folded line, Via values split across and within
    // headers, unknown headers and unknown SDP attributes.
    private const string CompactFolded200 =
        "SIP/2.0 200 OK\r\n" +
        "v: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK-proxy;received=127.0.0.1,\r\n" +
        " SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKabc;rport=5060\r\n" +
        "v: SIP/2.0/TCP 10.0.0.9:5061;branch=z9hG4bKlast\r\n" +
        "f: \"Mairie, accueil\" <sip:panic1@127.0.0.1>;tag=1928301774\r\n" +
        "t: <sip:speaker@127.0.0.1>;tag=a6c85cf\r\n" +
        "i: a84b4c76e66710@pc33\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "X-Unknown-Header: whatever; with=params\r\n" +
        "m: <sip:speaker@127.0.0.1:5090;transport=udp>\r\n" +
        "Record-Route: <sip:127.0.0.1:5060;lr>, <sip:10.0.0.1;lr>\r\n" +
        "Subject: a folded\r\n" +
        "\tsubject line\r\n" +
        "k: replaces, norefersub\r\n" +
        "c: application/sdp\r\n" +
        "l: 200\r\n" +
        "\r\n";

    private const string Sdp =
        "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
        "m=audio 10052 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-15\r\na=ssrc:12345 cname:x\r\na=label:1\r\na=sendrecv\r\n";

    [Fact]
    public void KamailioChallenge_IsParsed()
    {
        var response = Assert.IsType<SipResponse>(SipMessageParser.Parse(KamailioChallenge));
        Assert.Equal(401, response.StatusCode);
        Assert.Equal("Unauthorized", response.Reason);
        Assert.Equal(5095, response.TopVia.RPort);
        Assert.Equal("127.0.0.1", response.TopVia.Received);
        Assert.Equal("z9hG4bK-11172-1-0", response.TopVia.Branch);
        Assert.Equal(new CSeqHeader(1, "REGISTER"), response.CSeq);
        Assert.StartsWith("Digest realm=\"127.0.0.1\"", response.Headers.Get("WWW-Authenticate"), StringComparison.Ordinal);
        Assert.Empty(response.Body);
    }

    [Fact]
    public void CompactFoldedMessage_ExpandsNamesUnfoldsLinesAndSplitsVias()
    {
        var text = CompactFolded200.Replace("l: 200", "l: " + Encoding.UTF8.GetByteCount(Sdp), StringComparison.Ordinal) + Sdp;
        var response = Assert.IsType<SipResponse>(SipMessageParser.Parse(text));

        Assert.Equal(["z9hG4bK-proxy", "z9hG4bKabc", "z9hG4bKlast"], response.Vias.Select(v => v.Branch));
        Assert.Equal("TCP", response.Vias[2].Transport);
        Assert.Equal("Mairie, accueil", response.From.DisplayName);
        Assert.Equal("1928301774", response.From.Tag);
        Assert.Equal("a6c85cf", response.To.Tag);
        Assert.Equal("a84b4c76e66710@pc33", response.CallId);
        Assert.Equal(5090, response.Contact!.Uri.Port);
        Assert.Equal("udp", response.Contact.Uri.Transport);
        Assert.Equal(2, response.Headers.GetAll("Record-Route").Count);
        Assert.Equal("a folded subject line", response.Headers.Get("Subject"));
        Assert.Equal("whatever; with=params", response.Headers.Get("x-unknown-header"));
        Assert.Equal(["replaces", "norefersub"], response.Headers.GetAll("Supported"));
        Assert.True(response.HasSdp);
        Assert.Equal(Sdp, response.BodyText);
    }

    [Fact]
    public void Request_WithBareLineFeeds_AndExtraBytesAfterContentLength_IsParsed()
    {
        var text = "BYE sip:panic1@10.0.0.5:5060 SIP/2.0\nVia: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bK1\nFrom: <sip:a@b>;tag=1\n" +
            "To: <sip:c@d>;tag=2\nCall-ID: x\nCSeq: 2 BYE\nContent-Length: 0\n\ngarbage";
        var request = Assert.IsType<SipRequest>(SipMessageParser.Parse(text));
        Assert.Equal("BYE", request.Method);
        Assert.Equal("panic1", request.Uri.User);
        Assert.Null(request.TopVia.Port);
        Assert.Empty(request.Body);
    }

    [Theory]
    [InlineData("")]
    [InlineData("HELLO WORLD\r\n\r\n")]
    [InlineData("SIP/2.0 abc OK\r\n\r\n")]
    [InlineData("SIP/2.0 200 OK\r\nContent-Length: 50\r\n\r\nshort")]
    [InlineData("INVITE sip:a@b SIP/2.0\r\nno colon here\r\n\r\n")]
    public void Garbage_IsRejectedWithFormatException(string text)
    {
        Assert.ThrowsAny<FormatException>(() => SipMessageParser.Parse(text));
    }

    [Fact]
    public void StreamFraming_FindsMessageBoundariesAndSkipsKeepAlives()
    {
        var one = "OPTIONS sip:a@b SIP/2.0\r\nCall-ID: 1\r\nContent-Length: 4\r\n\r\nbody";
        var bytes = Encoding.ASCII.GetBytes("\r\n\r\n" + one + "INVITE sip:a");
        var length = SipMessageParser.FrameLength(bytes, out var skip);
        Assert.Equal(4, skip);
        Assert.Equal(one.Length, length);
        Assert.Equal(-1, SipMessageParser.FrameLength(bytes.AsSpan(skip + length), out _));
    }

    [Fact]
    public void Serialization_RoundTripsWithExactContentLength()
    {
        var request = new SipRequest("INVITE", SipUri.Parse("sip:police@pbx.example;transport=tcp"));
        request.Headers.Add("Via", "SIP/2.0/UDP 10.0.0.5:5060;branch=z9hG4bKx;rport");
        request.Headers.Add("Content-Length", "999");
        request.Body = Encoding.UTF8.GetBytes("é=1\r\n");
        var text = request.ToString();
        Assert.Contains("Content-Length: 6\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("999", text, StringComparison.Ordinal);
        var parsed = Assert.IsType<SipRequest>(SipMessageParser.Parse(request.ToBytes()));
        Assert.Equal("tcp", parsed.Uri.Transport);
        Assert.Null(parsed.TopVia.RPort);
        Assert.Equal("é=1\r\n", parsed.BodyText);
    }

    [Theory]
    [InlineData("sip:alice@atlanta.com", "alice", "atlanta.com", null)]
    [InlineData("sip:alice:secret@atlanta.com;transport=tcp", "alice", "atlanta.com", null)]
    [InlineData("sips:1212@gateway.com:5061", "1212", "gateway.com", 5061)]
    [InlineData("sip:[2001:db8::10]:5070", null, "[2001:db8::10]", 5070)]
    [InlineData("SIP:17@10.0.0.1:5060;user=phone?subject=x", "17", "10.0.0.1", 5060)]
    public void Uris_AreParsed(string text, string? user, string host, int? port)
    {
        var uri = SipUri.Parse(text);
        Assert.Equal(user, uri.User);
        Assert.Equal(host, uri.Host);
        Assert.Equal(port, uri.Port);
    }

    [Fact]
    public void NameAddress_WithoutBrackets_KeepsParametersOnTheHeader()
    {
        var address = NameAddress.Parse("sip:bob@biloxi.com;tag=abc");
        Assert.Equal("abc", address.Tag);
        Assert.False(address.Uri.HasParameter("tag"));
    }
}
