using System.Net;
using System.Net.Sockets;
using System.Text;
using Hardware.Onvif.Discovery;
using Microsoft.Extensions.Logging;

namespace Hardware.Onvif.Simulator;

/// <summary>
/// Answers WS-Discovery Probes received on a unicast UDP endpoint with the recorded <c>Probe.xml</c>
/// ProbeMatches, sent back to the prober's address and port from another, ephemeral, socket — as agsh's
/// mockup and many cameras do (protocols.md §3.5) — and repeated like SOAP-over-UDP unicast answers.
/// It never joins the multicast group: tests must not touch the real network.
/// </summary>
internal sealed class VirtualCameraDiscoveryResponder : IAsyncDisposable
{
    private readonly UdpClient _socket;
    private readonly Uri _deviceServiceUri;
    private readonly int _copies;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private int _probesAnswered;

    public VirtualCameraDiscoveryResponder(IPAddress bindAddress, int port, Uri deviceServiceUri, int copies, ILogger logger)
    {
        _socket = new UdpClient(new IPEndPoint(bindAddress, port));
        _deviceServiceUri = deviceServiceUri;
        _copies = Math.Max(1, copies);
        _logger = logger;
        _loop = Task.Run(ListenAsync);
    }

    public IPEndPoint Endpoint => (IPEndPoint)_socket.Client.LocalEndPoint!;

    public int ProbesAnswered => Volatile.Read(ref _probesAnswered);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Dispose();
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task ListenAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult datagram;
            try
            {
                datagram = await _socket.ReceiveAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException exception)
            {
                // e.g. ICMP port unreachable reported for an earlier answer; keep listening.
                _logger.LogDebug("Discovery socket: {Reason}", exception.Message);
                continue;
            }

            string? messageId = DiscoveryMessages.ReadProbeMessageId(datagram.Buffer);
            if (messageId is null)
            {
                _logger.LogDebug("Ignored a datagram from {Source}: not a Probe", datagram.RemoteEndPoint);
                continue;
            }

            byte[] answer = Encoding.UTF8.GetBytes(RecordedResponses.ReadText("Probe.xml")
                .Replace("RELATES_TO", messageId, StringComparison.Ordinal)
                .Replace("SERVICE_URI", _deviceServiceUri.ToString(), StringComparison.Ordinal));
            using var sender = new UdpClient(new IPEndPoint(((IPEndPoint)_socket.Client.LocalEndPoint!).Address, 0));
            for (int i = 0; i < _copies; i++)
            {
                await sender.SendAsync(answer, datagram.RemoteEndPoint, _stop.Token).ConfigureAwait(false);
            }

            Interlocked.Increment(ref _probesAnswered);
            _logger.LogDebug("Answered a Probe from {Source}", datagram.RemoteEndPoint);
        }
    }
}
