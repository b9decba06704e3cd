using Relay.Core.Alerts;
using Relay.Core.Certificates;
using Relay.Core.Ingest;
using Relay.Ingest.Authorization;
using Relay.Ingest.Broker;
using Relay.Ingest.Client;

namespace Relay.Web.Api;

public static class HealthEndpoints
{
    /// <summary><c>GET /health</c>: always 200 while the process serves HTTP; <c>status</c> says "degraded" when the
    /// relay cannot currently ingest (no broker connection) or its last store write failed.</summary>
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app) => app.MapGet("/health", async (
        IBroker broker,
        IngestClient client,
        IAlertStore store,
        IngestCounters ingest,
        AccessCounters access,
        TlsMaterial tls,
        RevocationList revocations,
        TimeProvider timeProvider) =>
    {
        var clientHealth = client.Health;
        var storeHealth = store.Health;
        var storeFailing = storeHealth.LastErrorAt is { } errorAt && (storeHealth.LastCommitAt is null || storeHealth.LastCommitAt < errorAt);
        var status = clientHealth.Connected && storeHealth.IsOpen && !storeFailing ? "ok" : "degraded";
        return Results.Ok(new HealthResponse(
            status,
            timeProvider.GetUtcNow(),
            new BrokerHealthResponse(
                broker.Mode.ToString().ToLowerInvariant(),
                broker.Endpoint,
                broker.TlsEndpoint,
                await broker.CountClientsAsync().ConfigureAwait(false),
                clientHealth,
                access.Denied.Snapshot()),
            storeHealth,
            new IngestHealthResponse(
                ingest.EventsStored,
                ingest.EventsDuplicate,
                ingest.EventConflicts,
                ingest.SnapshotsStored,
                ingest.SnapshotsDuplicate,
                ingest.ReceiptsPublished,
                ingest.ReceiptFailures,
                ingest.StoreFailures),
            ingest.Rejected.Snapshot(),
            new TlsHealthResponse(tls.Authority.Fingerprint, tls.Authority.Certificate.NotAfter, tls.ServerCertificate.NotAfter, revocations.Count)));
    })
    .AllowAnonymous()
    .WithTags("Health")
    .WithSummary("Liveness and ingest health (no session needed)")
    .WithDescription("Always 200 while the process serves HTTP; status is 'degraded' when the relay cannot ingest right now (no broker connection) or its last store write failed. Counts refused messages by reason.")
    .Produces<HealthResponse>();
}
