using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Hardware.Sip.Messages;
using Microsoft.Extensions.Logging;

namespace Hardware.Sip.Transport;

/// <summary>
/// Owns the UDP socket and the TCP connections, parses what arrives and hands it to the stack,
/// and remembers the address the servers see us at (Via received/rport, RFC 3581).
/// </summary>
internal sealed class SipTransport : IAsyncDisposable
{
    /// <summary>RFC 3261 §18.1.1: larger requests must use a congestion-controlled transport.</summary>
    public const int MaxUdpRequestSize = 1300;

    private readonly IPEndPoint _bindTo;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<IPEndPoint, Task<TcpSipChannel>> _tcpChannels = new();
    // What each server told us it sees as our address, per server: a LAN PBX and a NATed trunk differ.
    private readonly ConcurrentDictionary<SipEndPoint, IPEndPoint> _observed = new();
    private UdpSipChannel? _udp;

    public SipTransport(IPEndPoint bindTo, ILogger logger)
    {
        _bindTo = bindTo;
        _logger = logger;
    }

    /// <summary>Receives every parsed message with where it came from.</summary>
    public Action<SipMessage, SipEndPoint>? MessageReceived { get; set; }

    /// <summary>The local UDP end point (after <see cref="Start"/>).</summary>
    public IPEndPoint UdpEndPoint => _udp?.LocalEndPoint ?? throw new InvalidOperationException("Transport not started.");

    public void Start()
    {
        if (_udp is not null)
        {
            return;
        }
        _udp = new UdpSipChannel(_bindTo, OnData, _logger);
        _udp.Start();
        _logger.LogInformation("SIP UDP listening on {EndPoint}", _udp.LocalEndPoint);
    }

    /// <summary>
    /// The address to put in Via/Contact for a destination: the one a server told us it sees
    /// (received/rport) once known, else our socket's address (the outgoing interface when bound to any).
    /// </summary>
    public IPEndPoint LocalAddressFor(SipEndPoint destination)
    {
        if (_observed.TryGetValue(destination, out var seen))
        {
            return seen;
        }
        return SocketAddressFor(destination);
    }

    /// <summary>The real local socket address toward a destination, ignoring what servers report.</summary>
    public IPEndPoint SocketAddressFor(SipEndPoint destination)
    {
        var port = destination.Protocol == SipTransportProtocol.Tcp
            && _tcpChannels.TryGetValue(destination.Address, out var pending) && pending.IsCompletedSuccessfully
            ? pending.Result.LocalEndPoint.Port
            : UdpEndPoint.Port;
        var address = UdpEndPoint.Address;
        if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            address = OutgoingInterfaceFor(destination.Address.Address);
        }
        return new IPEndPoint(address, port);
    }

    /// <summary>Records what the server saw as our source (Via received/rport) so the next Contact uses it.</summary>
    public bool RecordObservedAddress(SipEndPoint server, ViaHeader topVia)
    {
        if (topVia.Received is null && topVia.RPort is null)
        {
            return false;
        }
        var host = topVia.Received ?? topVia.Host;
        if (!IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            return false;
        }
        var endPoint = new IPEndPoint(address, topVia.RPort ?? topVia.Port ?? 5060);
        var changed = !_observed.TryGetValue(server, out var previous) || !previous.Equals(endPoint);
        _observed[server] = endPoint;
        return changed;
    }

    /// <summary>Opens (or reuses) the TCP connection for a destination, so that its local port is known before Via is written.</summary>
    public async Task PrepareAsync(SipEndPoint destination, CancellationToken cancellationToken)
    {
        Start();
        if (destination.Protocol == SipTransportProtocol.Tcp)
        {
            await GetTcpChannelAsync(destination.Address, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask SendAsync(SipMessage message, SipEndPoint destination, CancellationToken cancellationToken)
    {
        Start();
        var bytes = message.ToBytes();
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            _logger.LogTrace("SIP → {Destination}\n{Message}", destination, Redact(message));
        }
        if (destination.Protocol == SipTransportProtocol.Tcp)
        {
            var channel = await GetTcpChannelAsync(destination.Address, cancellationToken).ConfigureAwait(false);
            await channel.SendAsync(bytes, destination.Address, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await _udp!.SendAsync(bytes, destination.Address, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<TcpSipChannel> GetTcpChannelAsync(IPEndPoint remote, CancellationToken cancellationToken)
    {
        var task = _tcpChannels.GetOrAdd(remote, r => TcpSipChannel.ConnectAsync(
            UdpEndPoint.Address, r, OnData, OnTcpClosed, _logger, CancellationToken.None));
        try
        {
            return await task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            _tcpChannels.TryRemove(new KeyValuePair<IPEndPoint, Task<TcpSipChannel>>(remote, task));
            throw;
        }
    }

    private void OnTcpClosed(TcpSipChannel channel)
    {
        if (_tcpChannels.TryGetValue(channel.Remote, out var task) && task.IsCompletedSuccessfully && task.Result == channel)
        {
            _tcpChannels.TryRemove(channel.Remote, out _);
        }
    }

    private void OnData(ReadOnlyMemory<byte> data, SipEndPoint source, ISipChannel channel)
    {
        // RFC 5626 keep-alives (CRLF, CRLFCRLF) carry no message.
        if (data.Span.Trim("\r\n"u8).IsEmpty)
        {
            return;
        }
        SipMessage message;
        try
        {
            message = SipMessageParser.Parse(data.Span);
        }
        catch (FormatException ex)
        {
            _logger.LogWarning("Dropped unparseable SIP message from {Source}: {Reason}", source, ex.Message);
            return;
        }
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            _logger.LogTrace("SIP ← {Source}\n{Message}", source, Redact(message));
        }
        MessageReceived?.Invoke(message, source);
    }

    private static IPAddress OutgoingInterfaceFor(IPAddress remote)
    {
        // Connecting a UDP socket sends nothing; it only asks the kernel which interface routes there.
        using var probe = new Socket(remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        probe.Connect(remote, 9);
        return ((IPEndPoint)probe.LocalEndPoint!).Address;
    }

    /// <summary>A loggable form of a message: digest credentials are reduced to their scheme (never log passwords or responses).</summary>
    public static string Redact(SipMessage message)
    {
        var text = message.ToString();
        var lines = text.Split("\r\n");
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("Authorization:", StringComparison.OrdinalIgnoreCase)
                || lines[i].StartsWith("Proxy-Authorization:", StringComparison.OrdinalIgnoreCase))
            {
                lines[i] = lines[i][..(lines[i].IndexOf(':', StringComparison.Ordinal) + 1)] + " Digest <redacted>";
            }
        }
        return string.Join("\r\n", lines);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var task in _tcpChannels.Values)
        {
            if (task.IsCompletedSuccessfully)
            {
                await task.Result.DisposeAsync().ConfigureAwait(false);
            }
        }
        _tcpChannels.Clear();
        if (_udp is not null)
        {
            await _udp.DisposeAsync().ConfigureAwait(false);
        }
    }
}
