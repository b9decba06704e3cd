using System.Net;

namespace Hardware.Sip.Sdp;

/// <summary>What an SDP answer settled: where to send, which G.711 law, which telephone-event payload type.</summary>
public sealed record MediaNegotiation(IPEndPoint RemoteEndPoint, AudioCodec Codec, int? TelephoneEventPayloadType, string Direction)
{
    /// <summary>
    /// Reads an answer: the first payload type of the answer that we offered (RFC 3264 §6.1), the answer's
    /// telephone-event number (not assumed 101). Null when no common codec or no usable address.
    /// </summary>
    internal static MediaNegotiation? FromAnswer(SdpSession answer)
    {
        if (answer.AudioEndPoint is not { } endPoint)
        {
            return null;
        }
        foreach (var pt in answer.PayloadTypes)
        {
            var encoding = answer.RtpMaps.GetValueOrDefault(pt) ?? string.Empty;
            if (encoding.StartsWith("PCMU/8000", StringComparison.OrdinalIgnoreCase))
            {
                return new MediaNegotiation(endPoint, AudioCodec.Pcmu, answer.TelephoneEventPayloadType, answer.Direction);
            }
            if (encoding.StartsWith("PCMA/8000", StringComparison.OrdinalIgnoreCase))
            {
                return new MediaNegotiation(endPoint, AudioCodec.Pcma, answer.TelephoneEventPayloadType, answer.Direction);
            }
        }
        return null;
    }
}
