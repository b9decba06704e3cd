using Relay.Ingest.Broker;

namespace Relay.Web.Hosting.ProductionMode;

/// <summary>
/// What production mode refuses: plain text outside this machine. Plain HTTP and plain MQTT are allowed on loopback
/// only (a local reverse proxy, the relay's own MQTT client); everything reachable from the network is TLS: HTTPS with
/// the relay's server certificate, and the broker's TLS endpoint where boxes present their certificates.
/// </summary>
public static class ProductionRules
{
    public static IReadOnlyList<string> Violations(IEnumerable<ListenAddress> httpAddresses, bool httpPortsConfigured, BrokerOptions broker)
    {
        ArgumentNullException.ThrowIfNull(httpAddresses);
        ArgumentNullException.ThrowIfNull(broker);
        var problems = new List<string>();
        foreach (var address in httpAddresses.Where(a => !a.IsTls && !a.IsLoopback))
        {
            problems.Add($"plain HTTP on '{address.Url}' is reachable from the network: bind it to 127.0.0.1 (--urls http://127.0.0.1:8080) " +
                         "and serve the network over HTTPS (Relay:Https:Port, Relay:Https:ListenAddress).");
        }

        if (httpPortsConfigured)
        {
            problems.Add("http_ports (ASPNETCORE_HTTP_PORTS) binds plain HTTP on every interface: use --urls http://127.0.0.1:PORT instead.");
        }

        if (broker.Mode == BrokerMode.Embedded && !ListenAddress.IsLoopbackIp(broker.ListenAddress))
        {
            problems.Add($"plain MQTT on {broker.ListenAddress}:{broker.Port} is reachable from the network: keep Relay:Broker:ListenAddress on " +
                         "127.0.0.1 and let boxes use the TLS endpoint (Relay:Broker:TlsListenAddress, Relay:Broker:TlsPort).");
        }

        if (broker.Mode == BrokerMode.External && !broker.UseTls && !IsLoopbackHost(broker.Host))
        {
            problems.Add($"the relay would talk plain MQTT to the broker at {broker.Host}:{broker.Port}: set Relay:Broker:UseTls=true " +
                         "(mosquitto's TLS listener, see devices export-mosquitto) or run the broker on this machine.");
        }

        return problems;
    }

    private static bool IsLoopbackHost(string? host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || ListenAddress.IsLoopbackIp(host);
}
