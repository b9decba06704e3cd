namespace Hardware.Sip.Sdp;

/// <summary>The G.711 codecs we offer, with their static RTP payload types (RFC 3551 Table 4).</summary>
public enum AudioCodec
{
    /// <summary>G.711 µ-law, payload type 0.</summary>
    Pcmu = 0,

    /// <summary>G.711 A-law, payload type 8.</summary>
    Pcma = 8,
}
