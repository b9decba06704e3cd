using System.Net;
using Edge.Core.Configuration.Model;
using Edge.Uplink;
using Hardware.Gpio.Board;

namespace Edge.Worker.Hosting;

/// <summary>
/// What the box refuses to start with, whatever the site file says: the local API is for someone on the box itself
/// (it can press virtual buttons and shows everything), and in production a building is never protected by a virtual
/// board, nor linked to the crisis cell by an unencrypted connection that leaves the machine.
/// </summary>
public static class EdgeStartupRules
{
    public static void Check(EdgeOptions edge, UplinkOptions uplink, SiteFile site)
    {
        ArgumentNullException.ThrowIfNull(edge);
        ArgumentNullException.ThrowIfNull(uplink);
        ArgumentNullException.ThrowIfNull(site);

        if (!Uri.TryCreate(edge.LocalApiUrl, UriKind.Absolute, out var api) || !IsLoopback(api.Host))
        {
            throw new EdgeConfigurationException(
                $"Edge:LocalApiUrl '{edge.LocalApiUrl}' is not a loopback address. The local API is for installers on the box (use an SSH tunnel): give http://127.0.0.1:PORT.");
        }

        if (edge.Mode != EdgeMode.Production)
        {
            return;
        }

        if (site.Board.Driver == GpioDriverKind.Virtual)
        {
            throw new EdgeConfigurationException(
                $"{site.FilePath}: board.driver is 'virtual' and Edge:Mode is Production: a building must not be protected by a virtual board. Set board.driver to the real driver (libgpiod, libgpiod-v2, raspberry-pi).");
        }

        if (uplink.Enabled && !uplink.UseTls && !IsLoopback(uplink.Host))
        {
            throw new EdgeConfigurationException(
                $"Edge:Uplink:Host '{uplink.Host}' is reached without TLS and Edge:Mode is Production: enrol the box (provision device enroll) and set Edge:Uplink:UseTls=true with its certificate.");
        }
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
