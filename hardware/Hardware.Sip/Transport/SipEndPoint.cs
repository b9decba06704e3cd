using System.Net;

namespace Hardware.Sip.Transport;

/// <summary>Where a message goes to or comes from: a protocol and an IP end point.</summary>
internal readonly record struct SipEndPoint(SipTransportProtocol Protocol, IPEndPoint Address)
{
    /// <summary>UDP / TCP as written in a Via header.</summary>
    public string ViaTransport => Protocol == SipTransportProtocol.Tcp ? "TCP" : "UDP";

    /// <summary>True when the transport is reliable, so that no retransmission timers run (§17.1.1.2).</summary>
    public bool IsReliable => Protocol == SipTransportProtocol.Tcp;

    /// <inheritdoc />
    public override string ToString() => $"{ViaTransport}:{Address}";
}
