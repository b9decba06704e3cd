using System.Globalization;
using System.Net;
using System.Text;

namespace Hardware.Sip.Sdp;

/// <summary>Writes our SDP (offer, or answer to a re-INVITE): PCMU, PCMA and telephone-event 101 (protocols.md §1.8).</summary>
internal sealed class SdpOffer
{
    /// <summary>The telephone-event payload type we offer; the answer may use another (RFC 4733 §2.1).</summary>
    public const int TelephoneEventPayloadType = 101;

    private readonly ulong _sessionId;
    private ulong _version;

    public SdpOffer(IPAddress address, int rtpPort, ulong sessionId)
    {
        Address = address;
        RtpPort = rtpPort;
        _sessionId = sessionId;
        _version = sessionId;
    }

    public IPAddress Address { get; }

    public int RtpPort { get; }

    /// <summary>Our SDP; <paramref name="direction"/> lets a re-INVITE answer mirror sendonly with recvonly (RFC 3264 §6.1).</summary>
    public string Build(string direction = "sendrecv")
    {
        var ipVersion = Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IP6" : "IP4";
        var id = _sessionId.ToString(CultureInfo.InvariantCulture);
        var version = _version.ToString(CultureInfo.InvariantCulture);
        var port = RtpPort.ToString(CultureInfo.InvariantCulture);
        var te = TelephoneEventPayloadType.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append("v=0\r\n");
        sb.Append("o=- ").Append(id).Append(' ').Append(version).Append(" IN ").Append(ipVersion).Append(' ').Append(Address).Append("\r\n");
        sb.Append("s=-\r\n");
        sb.Append("c=IN ").Append(ipVersion).Append(' ').Append(Address).Append("\r\n");
        sb.Append("t=0 0\r\n");
        sb.Append("m=audio ").Append(port).Append(" RTP/AVP 0 8 ").Append(te).Append("\r\n");
        sb.Append("a=rtpmap:0 PCMU/8000\r\n");
        sb.Append("a=rtpmap:8 PCMA/8000\r\n");
        sb.Append("a=rtpmap:").Append(te).Append(" telephone-event/8000\r\n");
        sb.Append("a=fmtp:").Append(te).Append(" 0-16\r\n");
        sb.Append("a=ptime:20\r\n");
        sb.Append("a=").Append(direction).Append("\r\n");
        return sb.ToString();
    }

    /// <summary>Increments the o= version: only when our SDP really changes (RFC 3264 §8).</summary>
    public void BumpVersion() => _version++;
}
