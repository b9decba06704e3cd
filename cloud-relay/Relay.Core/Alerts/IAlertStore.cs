using Relay.Core.Devices;
using Relay.Core.Retention;
using Relay.Core.Storage;

namespace Relay.Core.Alerts;

/// <summary>
/// Events, the alerts built from them, snapshots and per-device sequence progress. LiteDB on one machine; a
/// PostgreSQL implementation (same idempotent keys, INSERT ... ON CONFLICT DO NOTHING) is planned for several
/// relays sharing the load.
/// </summary>
public interface IAlertStore
{
    /// <summary>Where the store is and whether its last write went through, for <c>/health</c>.</summary>
    StoreHealth Health { get; }

    /// <summary>
    /// Stores the events and snapshots in one transaction, idempotently on (site, device, seq) and
    /// (site, device, alert id, index), answers the commands the events carry, and returns only once the commit is on
    /// stable storage, so that the caller may publish receipts.
    /// </summary>
    Task<BatchCommit> CommitBatchAsync(IReadOnlyList<IncomingEvent> events, IReadOnlyList<IncomingSnapshot> snapshots, CancellationToken cancellationToken);

    Task<IReadOnlyList<AlertView>> GetAlertsAsync(AlertQuery query, CancellationToken cancellationToken);

    Task<AlertView?> GetAlertAsync(Guid alertId, CancellationToken cancellationToken);

    Task<AlertSummary?> GetLatestAlertAsync(DeviceId device, CancellationToken cancellationToken);

    /// <summary>Alerts still open that the relay first heard of at or after <paramref name="receivedSince"/>.</summary>
    Task<IReadOnlyList<AlertSummary>> GetOpenAlertsAsync(DateTimeOffset receivedSince, CancellationToken cancellationToken);

    Task<IReadOnlyList<SnapshotInfo>> GetSnapshotsAsync(Guid alertId, CancellationToken cancellationToken);

    Task<byte[]?> GetSnapshotAsync(Guid alertId, int index, CancellationToken cancellationToken);

    Task<SequenceReport> GetSequenceAsync(DeviceId device, CancellationToken cancellationToken);

    /// <summary>Records that a crisis-cell operator acknowledged the alert (the first acknowledgement is kept as the
    /// alert's). Null if there is no such alert.</summary>
    Task<AlertSummary?> RecordAcknowledgementAsync(Guid alertId, string by, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Closes the alert at the relay with the operator's comment; an alert already closed keeps its first
    /// closure. Null if there is no such alert.</summary>
    Task<AlertSummary?> CloseAlertAsync(Guid alertId, string by, DateTimeOffset at, string comment, CancellationToken cancellationToken);

    /// <summary>Removes every snapshot (bytes and description) received before <paramref name="receivedBefore"/>.
    /// Alerts and events are kept.</summary>
    Task<SnapshotPurge> PurgeSnapshotsAsync(DateTimeOffset receivedBefore, CancellationToken cancellationToken);
}
