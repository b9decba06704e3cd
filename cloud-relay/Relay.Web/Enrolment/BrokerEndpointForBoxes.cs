using Microsoft.Extensions.Options;
using Relay.Core.Certificates;
using Relay.Core.Enrolment;
using Relay.Ingest.Broker;

namespace Relay.Web.Enrolment;

/// <summary>The broker address handed to a box at enrolment: <c>Relay:Enrolment:BrokerHost/BrokerPort</c> when set
/// (a port mapping, a DNS name the relay cannot guess), else the first server name and the TLS port.</summary>
public sealed class BrokerEndpointForBoxes(IOptions<EnrolmentOptions> enrolment, IOptions<TlsOptions> tls, IOptions<BrokerOptions> broker, IServiceProvider services)
{
    public BrokerEndpoint Get()
    {
        var host = enrolment.Value.BrokerHost ?? tls.Value.EffectiveServerNames[0];
        var port = enrolment.Value.BrokerPort ?? broker.Value.Mode switch
        {
            BrokerMode.Embedded => services.GetService<EmbeddedBroker>()?.BoundTlsEndPoint?.Port ?? broker.Value.TlsPort,
            _ => broker.Value.Port,
        };
        return new BrokerEndpoint(host, port, Tls: true);
    }
}
