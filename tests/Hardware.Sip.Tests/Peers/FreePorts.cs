using System.Net;
using System.Net.Sockets;

namespace Hardware.Sip.Tests.Peers;

/// <summary>
/// Hands out loopback ports that are free for both UDP and TCP at the time of asking, never the same
/// one twice in this process, so test classes running in parallel do not collide.
/// </summary>
internal static class FreePorts
{
    private static readonly HashSet<int> s_given = [];

    public static int Next()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            tcp.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
            try
            {
                using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException)
            {
                continue;
            }
            lock (s_given)
            {
                if (s_given.Add(port))
                {
                    return port;
                }
            }
        }
        throw new InvalidOperationException("No free loopback port found.");
    }

    /// <summary>A free even port whose odd neighbour is free too (an RTP/RTCP pair).</summary>
    public static int NextEvenPair()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            // Linux gives odd ports to bind(0): take the even one below it.
            var odd = Next();
            var port = odd % 2 == 0 ? odd : odd - 1;
            if (port % 2 != 0 || port < 1024)
            {
                continue;
            }
            try
            {
                using var udp = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
                udp.Bind(new IPEndPoint(IPAddress.Loopback, port));
                using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                tcp.Bind(new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException)
            {
                continue;
            }
            lock (s_given)
            {
                if (!s_given.Add(port))
                {
                    continue;
                }
                s_given.Add(port + 1);
            }
            return port;
        }
        throw new InvalidOperationException("No free loopback port pair found.");
    }
}
