using System.Net;

namespace Relay.Web.Hosting.ProductionMode;

/// <summary>One HTTP address Kestrel is told to bind, and whether it stays on this machine.</summary>
public sealed record ListenAddress(string Url, bool IsTls, bool IsLoopback)
{
    /// <summary>Kestrel's rules: <c>localhost</c> binds loopback only, an IP binds that IP, anything else (<c>*</c>,
    /// <c>+</c>, a host name) binds every interface. A Unix socket is local.</summary>
    public static ListenAddress Parse(string url)
    {
        var address = BindingAddress.Parse(url);
        var loopback = address.IsUnixPipe ||
                       string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase) ||
                       (IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
        return new ListenAddress(url, string.Equals(address.Scheme, "https", StringComparison.OrdinalIgnoreCase), loopback);
    }

    public static bool IsLoopbackIp(string? address) => IPAddress.TryParse(address, out var ip) && IPAddress.IsLoopback(ip);
}
