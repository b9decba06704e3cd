using System.Net;
using System.Net.Sockets;

namespace Edge.Testing.Network;

/// <summary>
/// A TCP proxy on loopback that the test controls, between a box and its broker: it can cut the path (connections
/// reset, new ones refused), black-hole it (sockets stay open but nothing flows: the half-open link a dead router
/// leaves), and restore it.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(TcpClient Inbound, TcpClient Outbound)> _links = [];
    private readonly object _gate = new();
    private readonly Task _acceptLoop;
    private volatile ProxyMode _mode = ProxyMode.Open;
    private int _accepted;

    public TcpProxy(IPEndPoint target)
    {
        _target = target;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    private enum ProxyMode
    {
        Open,
        Cut,
        BlackHole,
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections accepted and forwarded so far.</summary>
    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Resets every connection and refuses new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _mode = ProxyMode.Cut;
        CloseAll();
    }

    /// <summary>Stops forwarding without closing anything: both ends believe the link is up.</summary>
    public void BlackHole() => _mode = ProxyMode.BlackHole;

    /// <summary>Lets traffic through again. Black-holed connections are closed: their streams are out of step.</summary>
    public void Restore()
    {
        if (_mode == ProxyMode.BlackHole)
        {
            CloseAll();
        }

        _mode = ProxyMode.Open;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        CloseAll();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient inbound;
            try
            {
                inbound = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_mode != ProxyMode.Open)
            {
                inbound.Client.LingerState = new LingerOption(true, 0);
                inbound.Dispose();
                continue;
            }

            // Forward each write at once, as the endpoints themselves do (MQTTnet sets TCP_NODELAY): Nagle's algorithm
            // against the peer's delayed ACK would add up to 40 ms to a small message that only the proxy held back.
            inbound.NoDelay = true;
            var outbound = new TcpClient { NoDelay = true };
            try
            {
                await outbound.ConnectAsync(_target, _stop.Token);
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException)
            {
                // The broker is down: the box sees its connection reset, as it would without a proxy.
                inbound.Client.LingerState = new LingerOption(true, 0);
                inbound.Dispose();
                outbound.Dispose();
                continue;
            }

            Interlocked.Increment(ref _accepted);
            lock (_gate)
            {
                _links.Add((inbound, outbound));
            }

            _ = PumpAsync(inbound, outbound);
            _ = PumpAsync(outbound, inbound);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            var source = from.GetStream();
            var destination = to.GetStream();
            while (true)
            {
                var read = await source.ReadAsync(buffer, _stop.Token);
                if (read == 0)
                {
                    break;
                }

                // Black hole: the bytes vanish; TCP still acknowledges them, so the sender notices nothing.
                if (_mode == ProxyMode.Open)
                {
                    await destination.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
        }

        Close(from, to);
    }

    private void Close(TcpClient a, TcpClient b)
    {
        foreach (var client in new[] { a, b })
        {
            try
            {
                // Reset rather than close gracefully, as a cut cable does; a client already disposed has no socket.
                if (client.Client is { } socket)
                {
                    socket.LingerState = new LingerOption(true, 0);
                }
            }
            catch (ObjectDisposedException)
            {
            }

            client.Dispose();
        }

        lock (_gate)
        {
            _links.RemoveAll(l => l.Inbound == a || l.Outbound == a);
        }
    }

    private void CloseAll()
    {
        List<(TcpClient, TcpClient)> links;
        lock (_gate)
        {
            links = [.. _links];
            _links.Clear();
        }

        foreach (var (a, b) in links)
        {
            Close(a, b);
        }
    }
}
