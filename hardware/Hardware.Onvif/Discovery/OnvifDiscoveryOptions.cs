using System.Net;

namespace Hardware.Onvif.Discovery;

/// <summary>Where and how long to probe.</summary>
public sealed class OnvifDiscoveryOptions
{
    /// <summary>The WS-Discovery multicast group and port, 239.255.255.250:3702 (ONVIF Core §7.3).</summary>
    public static readonly IPEndPoint MulticastEndpoint = new(IPAddress.Parse("239.255.255.250"), 3702);

    /// <summary>
    /// Where the Probe goes. The multicast group by default; tests (and an installer who knows the
    /// camera's address) send it unicast instead.
    /// </summary>
    public IPEndPoint Destination { get; init; } = MulticastEndpoint;

    /// <summary>
    /// The local address to send from, i.e. the network interface for multicast on a box with several.
    /// <see cref="IPAddress.Any"/> by default.
    /// </summary>
    public IPAddress LocalAddress { get; init; } = IPAddress.Any;

    /// <summary>How long to listen for answers. Devices wait up to 500 ms at random before answering. Default 3 s.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How many times the Probe is sent (UDP loses datagrams). Default 2.</summary>
    public int ProbeCount { get; init; } = 2;

    /// <summary>Time between two Probes. Default 500 ms.</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromMilliseconds(500);
}
