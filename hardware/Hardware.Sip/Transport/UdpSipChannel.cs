using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Hardware.Sip.Transport;

/// <summary>
/// The single UDP socket used for all SIP over UDP: sending and receiving on the same socket keeps the
/// port in our Via equal to the NAT binding the replies come back to (RFC 3581, protocols.md §1.7).
/// </summary>
internal sealed class UdpSipChannel : ISipChannel
{
    private readonly Socket _socket;
    private readonly SipDataReceived _onReceived;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task? _receiveLoop;

    public UdpSipChannel(IPEndPoint bindTo, SipDataReceived onReceived, ILogger logger)
    {
        _socket = new Socket(bindTo.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _socket.Bind(bindTo);
        _onReceived = onReceived;
        _logger = logger;
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public SipTransportProtocol Protocol => SipTransportProtocol.Udp;

    public IPEndPoint LocalEndPoint { get; }

    public void Start() => _receiveLoop = Task.Run(ReceiveLoopAsync);

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, IPEndPoint remote, CancellationToken cancellationToken) =>
        await _socket.SendToAsync(data, SocketFlags.None, remote, cancellationToken).ConfigureAwait(false);

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[65535];
        var any = new IPEndPoint(LocalEndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, any, _stop.Token).ConfigureAwait(false);
                var copy = buffer.AsMemory(0, result.ReceivedBytes).ToArray();
                _onReceived(copy, new SipEndPoint(SipTransportProtocol.Udp, (IPEndPoint)result.RemoteEndPoint), this);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (ObjectDisposedException)
            {
                break;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable)
            {
                // An ICMP error for an earlier datagram: the transaction timers deal with the silence.
                _logger.LogDebug("UDP receive reported {Error}", ex.SocketErrorCode);
            }
#pragma warning disable CA1031 // The receive loop must survive a bad datagram handler.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _logger.LogWarning(ex, "UDP SIP receive loop error");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        if (_receiveLoop is not null)
        {
            await _receiveLoop.ConfigureAwait(false);
        }
        _stop.Dispose();
    }
}
