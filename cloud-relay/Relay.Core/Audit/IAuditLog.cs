namespace Relay.Core.Audit;

/// <summary>
/// The append-only audit trail. There is deliberately no way to change or remove an entry: not here, not in the
/// store, not over HTTP.
/// </summary>
public interface IAuditLog
{
    /// <summary>Appends durably (flushed like every store commit) and returns the entry with its seq and hash.</summary>
    Task<AuditEntry> AppendAsync(AuditEntry entry, CancellationToken cancellationToken);

    Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>Recomputes the hash chain; returns the seq of the first entry that does not match, or null if all do.</summary>
    Task<long?> FindFirstBrokenLinkAsync(CancellationToken cancellationToken);
}
