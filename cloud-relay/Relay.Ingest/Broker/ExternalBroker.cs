using Microsoft.Extensions.Options;

namespace Relay.Ingest.Broker;

/// <summary>A broker run by someone else: nothing to start, only where to connect. Device accounts and ACLs live in
/// that broker's own configuration (see <see cref="Authorization.MosquittoAcl"/>).</summary>
public sealed class ExternalBroker(IOptions<BrokerOptions> options) : IBroker
{
    private readonly BrokerOptions _options = options.Value;

    public BrokerMode Mode => BrokerMode.External;

    public BrokerConnection IngestConnection => new(
        _options.Host!, _options.Port, _options.ClientId, _options.Username!, _options.Password!, _options.SharedSubscriptionGroup);

    public string Endpoint => $"{_options.Host}:{_options.Port}";

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void OnIngestSubscribed()
    {
    }

    public Task<int?> CountClientsAsync() => Task.FromResult<int?>(null);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
