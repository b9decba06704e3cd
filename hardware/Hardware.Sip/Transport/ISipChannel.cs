using System.Net;

namespace Hardware.Sip.Transport;

/// <summary>One socket that carries SIP: the shared UDP socket or one TCP connection.</summary>
internal interface ISipChannel : IAsyncDisposable
{
    SipTransportProtocol Protocol { get; }

    IPEndPoint LocalEndPoint { get; }

    ValueTask SendAsync(ReadOnlyMemory<byte> data, IPEndPoint remote, CancellationToken cancellationToken);
}

/// <summary>Called for every datagram or framed stream message a channel receives.</summary>
internal delegate void SipDataReceived(ReadOnlyMemory<byte> data, SipEndPoint source, ISipChannel channel);
