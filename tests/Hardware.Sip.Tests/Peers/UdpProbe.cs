using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Hardware.Sip.Tests.Peers;

/// <summary>Readiness handshakes for peers: a SIP OPTIONS ping, or a look at the kernel's socket table.</summary>
internal static class UdpProbe
{
    /// <summary>Sends OPTIONS every 100 ms until any SIP response arrives.</summary>
    public static async Task WaitForSipAsync(int port, TimeSpan timeout, PeerProcess peer)
    {
        using var socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var localPort = ((IPEndPoint)socket.Client.LocalEndPoint!).Port;
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        var n = 0;
        while (Environment.TickCount64 < deadline)
        {
            if (peer.Exited.IsCompleted)
            {
                throw new InvalidOperationException($"{peer.Name} exited during start-up:\n{peer.Output}");
            }
            n++;
            var options = $"OPTIONS sip:127.0.0.1:{port} SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:{localPort};branch=z9hG4bKprobe{n}\r\n" +
                $"From: <sip:probe@127.0.0.1>;tag=probe\r\nTo: <sip:127.0.0.1:{port}>\r\nCall-ID: probe-{localPort}@127.0.0.1\r\n" +
                $"CSeq: {n} OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
            await socket.SendAsync(Encoding.ASCII.GetBytes(options), new IPEndPoint(IPAddress.Loopback, port));
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            try
            {
                var reply = await socket.ReceiveAsync(wait.Token);
                if (Encoding.ASCII.GetString(reply.Buffer).StartsWith("SIP/2.0 ", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (SocketException)
            {
                // ICMP port unreachable while the peer is not bound yet.
            }
        }
        throw new TimeoutException($"{peer.Name} did not answer OPTIONS on port {port} within {timeout}:\n{peer.Output}");
    }

    /// <summary>Polls /proc/net/udp until some process has bound 127.0.0.1:port (no traffic that could disturb a scripted peer).</summary>
    public static async Task WaitForUdpBindAsync(int port, TimeSpan timeout, PeerProcess peer)
    {
        var needle = $"0100007F:{port.ToString("X4", CultureInfo.InvariantCulture)}";
        var deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (Environment.TickCount64 < deadline)
        {
            if (peer.Exited.IsCompleted)
            {
                throw new InvalidOperationException($"{peer.Name} exited during start-up:\n{peer.Output}");
            }
            var table = await File.ReadAllTextAsync("/proc/net/udp");
            if (table.Split('\n').Any(l => l.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, var local, ..] && local == needle))
            {
                return;
            }
            await poll.WaitForNextTickAsync(TestContext.Current.CancellationToken);
        }
        throw new TimeoutException($"{peer.Name} did not bind UDP port {port} within {timeout}:\n{peer.Output}");
    }
}
