namespace Relay.Ingest.Broker;

/// <summary>The broker the relay ingests from: hosted in-process (<see cref="EmbeddedBroker"/>) or run separately
/// (<see cref="ExternalBroker"/>). Either way the relay reads it through one MQTT client, the same code path.</summary>
public interface IBroker
{
    BrokerMode Mode { get; }

    /// <summary>Valid once <see cref="StartAsync"/> has returned.</summary>
    BrokerConnection IngestConnection { get; }

    /// <summary>Device-facing endpoint, for logs and health ("127.0.0.1:1883").</summary>
    string Endpoint { get; }

    /// <summary>The TLS endpoint boxes connect to with their certificate ("0.0.0.0:8883"); null when there is none.</summary>
    string? TlsEndpoint { get; }

    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Called once the relay's client has subscribed: from then on nothing a device publishes falls
    /// between the broker and a missing subscription.</summary>
    void OnIngestSubscribed();

    /// <summary>Clients connected to the broker, when the relay can know (embedded only).</summary>
    Task<int?> CountClientsAsync();

    /// <summary>Ends every session opened with a certificate that is now revoked; returns how many (embedded only:
    /// an external broker applies its CRL at its next start).</summary>
    Task<int> DisconnectRevokedAsync();

    Task StopAsync(CancellationToken cancellationToken);
}
