using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Relay.Ingest.Authorization;
using Relay.Ingest.Broker;
using Relay.Ingest.Client;
using Relay.Ingest.Tls;

namespace Relay.Ingest;

public static class RelayIngestServices
{
    /// <summary>Registers the broker for <paramref name="mode"/>, the ingest client, worker, commands and the hosted
    /// service. Needs <see cref="Relay.Core.RelayCoreServices.AddRelayCore"/>; options are bound by the host.</summary>
    public static IServiceCollection AddRelayIngest(this IServiceCollection services, BrokerMode mode)
    {
        services.AddSingleton<IValidateOptions<BrokerOptions>, BrokerOptionsValidator>();
        services.AddSingleton<AccessCounters>();
        services.AddSingleton<DeviceCertificateGate>();
        services.AddSingleton<DeviceRevocation>();
        if (mode == BrokerMode.Embedded)
        {
            services.AddSingleton<EmbeddedBroker>();
            services.AddSingleton<IBroker>(sp => sp.GetRequiredService<EmbeddedBroker>());
        }
        else
        {
            services.AddSingleton<IBroker, ExternalBroker>();
        }

        services.AddSingleton<IngestClient>();
        services.AddSingleton<IngestWorker>();
        services.AddSingleton<RelayCommands>();
        services.AddHostedService<RelayIngestService>();
        return services;
    }
}
