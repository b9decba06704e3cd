using Relay.Core.Storage;
using Relay.Ingest.Client;

namespace Relay.Web.Api;

public sealed record HealthResponse(
    string Status,
    DateTimeOffset Time,
    BrokerHealthResponse Broker,
    StoreHealth Store,
    IngestHealthResponse Ingest,
    IReadOnlyDictionary<string, long> Rejected,
    TlsHealthResponse Tls);

/// <summary>The relay's CA (its fingerprint is public: boxes pin it) and when its certificates end.</summary>
public sealed record TlsHealthResponse(string CaFingerprint, DateTimeOffset CaNotAfter, DateTimeOffset ServerCertificateNotAfter, int RevokedCertificates);

public sealed record BrokerHealthResponse(
    string Mode,
    string Endpoint,
    string? TlsEndpoint,
    int? ConnectedClients,
    IngestClientHealth Client,
    IReadOnlyDictionary<string, long> Denied);

public sealed record IngestHealthResponse(
    long EventsStored,
    long EventsDuplicate,
    long EventConflicts,
    long SnapshotsStored,
    long SnapshotsDuplicate,
    long ReceiptsPublished,
    long ReceiptFailures,
    long StoreFailures);
