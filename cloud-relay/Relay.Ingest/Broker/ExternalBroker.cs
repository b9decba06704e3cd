using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using Relay.Core.Certificates;

namespace Relay.Ingest.Broker;

/// <summary>A broker run by someone else: nothing to start, only where to connect. Device accounts and ACLs live in
/// that broker's own configuration (see <see cref="Authorization.MosquittoAcl"/> and <c>devices export-mosquitto</c>).
/// With <see cref="BrokerOptions.UseTls"/> the relay connects over TLS with a client certificate it issues itself,
/// kept in memory only and issued again before it ends.</summary>
public sealed class ExternalBroker(IOptions<BrokerOptions> options, TlsMaterial tls, TimeProvider timeProvider) : IBroker
{
    private static readonly TimeSpan s_clientCertificateValidity = TimeSpan.FromDays(7);
    private static readonly TimeSpan s_clientCertificateRenewal = TimeSpan.FromDays(1);

    private readonly BrokerOptions _options = options.Value;
    private readonly Lock _gate = new();
    private X509Certificate2? _authority;
    private X509Certificate2? _clientCertificate;

    public BrokerMode Mode => BrokerMode.External;

    public BrokerConnection IngestConnection => new(
        _options.Host!, _options.Port, _options.ClientId, _options.Username!, _options.Password ?? "", _options.SharedSubscriptionGroup,
        _options.UseTls ? CurrentTls() : null);

    public string Endpoint => $"{_options.Host}:{_options.Port}";

    public string? TlsEndpoint => _options.UseTls ? Endpoint : null;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void OnIngestSubscribed()
    {
    }

    public Task<int?> CountClientsAsync() => Task.FromResult<int?>(null);

    public Task<int> DisconnectRevokedAsync() => Task.FromResult(0);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private BrokerTls CurrentTls()
    {
        lock (_gate)
        {
            _authority ??= _options.CaCertificateFile is { } file ? X509CertificateLoader.LoadCertificateFromFile(file) : tls.Authority.Certificate;
            var now = timeProvider.GetUtcNow();
            if (_clientCertificate is null || _clientCertificate.NotAfter.ToUniversalTime() - now.UtcDateTime < s_clientCertificateRenewal)
            {
                // The broker's TLS listener takes the certificate's name as the user name its ACL grants.
                _clientCertificate = tls.Authority.IssueRelayClientCertificate(_options.Username!, now, s_clientCertificateValidity);
            }

            return new BrokerTls(_authority, _clientCertificate);
        }
    }
}
