using System.Net;
using System.Net.Sockets;

namespace Relay.Web.Hosting.Https;

/// <summary><c>Relay:Https</c>: the dashboard and API over HTTPS, with the relay's server certificate.</summary>
public sealed class HttpsOptions
{
    public const string Section = "Relay:Https";

    /// <summary>No HTTPS listener when unset (0 picks a free port, for tests).</summary>
    public int? Port { get; set; }

    /// <summary>Loopback by default: exposing the relay is a decision (0.0.0.0 to serve the network).</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>The URL Kestrel binds, or null when HTTPS is off.</summary>
    public string? Url => Port is not { } port ? null
        : IPAddress.TryParse(ListenAddress, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6 ? $"https://[{ListenAddress}]:{port}"
        : $"https://{ListenAddress}:{port}";
}
