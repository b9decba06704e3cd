namespace Hardware.Sip.Transport;

/// <summary>The transport protocols this user agent speaks (TLS is not implemented).</summary>
public enum SipTransportProtocol
{
    /// <summary>UDP (RFC 3261 §18), the default.</summary>
    Udp,

    /// <summary>TCP, used when asked for (<c>;transport=tcp</c>) or for large requests (§18.1.1).</summary>
    Tcp,
}
