using System.Net;
using System.Net.Sockets;
using Hardware.Sip.Messages;
using Microsoft.Extensions.Logging;

namespace Hardware.Sip.Transport;

/// <summary>
/// One outgoing TCP connection to a SIP server. Messages are framed by Content-Length (§18.3); requests
/// the server sends back on the connection (in-dialog BYE…) are delivered like any other.
/// </summary>
internal sealed class TcpSipChannel : ISipChannel
{
    private readonly Socket _socket;
    private readonly SipDataReceived _onReceived;
    private readonly Action<TcpSipChannel> _onClosed;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private Task? _receiveLoop;

    private TcpSipChannel(Socket socket, IPEndPoint remote, SipDataReceived onReceived, Action<TcpSipChannel> onClosed, ILogger logger)
    {
        _socket = socket;
        Remote = remote;
        _onReceived = onReceived;
        _onClosed = onClosed;
        _logger = logger;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    public SipTransportProtocol Protocol => SipTransportProtocol.Tcp;

    public IPEndPoint LocalEndPoint { get; }

    public IPEndPoint Remote { get; }

    public static async Task<TcpSipChannel> ConnectAsync(IPAddress localAddress, IPEndPoint remote, SipDataReceived onReceived,
        Action<TcpSipChannel> onClosed, ILogger logger, CancellationToken cancellationToken)
    {
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            socket.Bind(new IPEndPoint(localAddress, 0));
            await socket.ConnectAsync(remote, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        var channel = new TcpSipChannel(socket, remote, onReceived, onClosed, logger);
        channel._receiveLoop = Task.Run(channel.ReceiveLoopAsync, CancellationToken.None);
        return channel;
    }

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, IPEndPoint remote, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (!data.IsEmpty)
            {
                var sent = await _socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
                data = data[sent..];
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new byte[16384];
        var filled = 0;
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (filled == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
                var read = await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, _stop.Token).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }
                filled += read;
                while (true)
                {
                    var length = SipMessageParser.FrameLength(buffer.AsSpan(0, filled), out var skip);
                    if (length < 0)
                    {
                        // Drop keep-alive CRLFs even when no message follows yet.
                        if (skip > 0)
                        {
                            Buffer.BlockCopy(buffer, skip, buffer, 0, filled - skip);
                            filled -= skip;
                        }
                        break;
                    }
                    var message = buffer.AsMemory(skip, length).ToArray();
                    var consumed = skip + length;
                    Buffer.BlockCopy(buffer, consumed, buffer, 0, filled - consumed);
                    filled -= consumed;
                    _onReceived(message, new SipEndPoint(SipTransportProtocol.Tcp, Remote), this);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException ex)
        {
            _logger.LogDebug("TCP connection to {Remote} closed: {Error}", Remote, ex.SocketErrorCode);
        }
        catch (FormatException ex)
        {
            // A stream that cannot be framed cannot be resynchronised: close it (§18.3).
            _logger.LogWarning("Unframeable data from {Remote}: {Message}", Remote, ex.Message);
        }
        _onClosed(this);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
        }
        _socket.Dispose();
        if (_receiveLoop is not null)
        {
            await _receiveLoop.ConfigureAwait(false);
        }
        _stop.Dispose();
        _sendLock.Dispose();
    }
}
