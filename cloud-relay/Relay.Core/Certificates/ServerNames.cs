using System.Net;

namespace Relay.Core.Certificates;

/// <summary>The names a server certificate may carry: DNS names (for a SAN dNSName) or IP addresses (iPAddress).</summary>
public static class ServerNames
{
    public static bool IsValid(string? name) =>
        !string.IsNullOrWhiteSpace(name) && (IPAddress.TryParse(name, out _) || Uri.CheckHostName(name) == UriHostNameType.Dns);
}
