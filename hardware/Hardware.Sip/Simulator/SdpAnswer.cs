using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Hardware.Sip.Sdp;

namespace Hardware.Sip.Simulator;

/// <summary>The virtual phone's SDP answer (RFC 3264 §6.1): the law chosen from the offer, telephone-event with the offer's number.</summary>
internal static class SdpAnswer
{
    public static string Build(IPAddress address, int rtpPort, ulong sessionId, AudioCodec codec, int? telephoneEventPayloadType, string direction)
    {
        var ipVersion = address.AddressFamily == AddressFamily.InterNetworkV6 ? "IP6" : "IP4";
        var id = sessionId.ToString(CultureInfo.InvariantCulture);
        var pt = ((int)codec).ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        sb.Append("v=0\r\n");
        sb.Append("o=- ").Append(id).Append(' ').Append(id).Append(" IN ").Append(ipVersion).Append(' ').Append(address).Append("\r\n");
        sb.Append("s=VirtualPhone\r\n");
        sb.Append("c=IN ").Append(ipVersion).Append(' ').Append(address).Append("\r\n");
        sb.Append("t=0 0\r\n");
        sb.Append("m=audio ").Append(rtpPort.ToString(CultureInfo.InvariantCulture)).Append(" RTP/AVP ").Append(pt);
        if (telephoneEventPayloadType is { } te)
        {
            sb.Append(' ').Append(te.ToString(CultureInfo.InvariantCulture));
        }
        sb.Append("\r\n");
        sb.Append("a=rtpmap:").Append(pt).Append(codec == AudioCodec.Pcmu ? " PCMU/8000" : " PCMA/8000").Append("\r\n");
        if (telephoneEventPayloadType is { } te2)
        {
            var t = te2.ToString(CultureInfo.InvariantCulture);
            sb.Append("a=rtpmap:").Append(t).Append(" telephone-event/8000\r\n");
            sb.Append("a=fmtp:").Append(t).Append(" 0-16\r\n");
        }
        sb.Append("a=ptime:20\r\n");
        sb.Append("a=").Append(direction).Append("\r\n");
        return sb.ToString();
    }

    /// <summary>The direction answering an offer's (RFC 3264 §6.1): sendonly ↔ recvonly, inactive stays inactive.</summary>
    public static string Mirror(string offered) => offered switch
    {
        "sendonly" => "recvonly",
        "recvonly" => "sendonly",
        "inactive" => "inactive",
        _ => "sendrecv",
    };
}
