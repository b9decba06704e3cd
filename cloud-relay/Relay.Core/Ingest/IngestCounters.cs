namespace Relay.Core.Ingest;

/// <summary>What ingest has done since start, for <c>/health</c>.</summary>
public sealed class IngestCounters
{
    private long _eventsStored;
    private long _eventsDuplicate;
    private long _eventConflicts;
    private long _snapshotsStored;
    private long _snapshotsDuplicate;
    private long _storeFailures;
    private long _receiptsPublished;
    private long _receiptFailures;

    /// <summary>Refused messages by <see cref="RejectionReasons.Key"/>.</summary>
    public ReasonCounters Rejected { get; } = new();

    public long EventsStored => Interlocked.Read(ref _eventsStored);

    public long EventsDuplicate => Interlocked.Read(ref _eventsDuplicate);

    public long EventConflicts => Interlocked.Read(ref _eventConflicts);

    public long SnapshotsStored => Interlocked.Read(ref _snapshotsStored);

    public long SnapshotsDuplicate => Interlocked.Read(ref _snapshotsDuplicate);

    public long StoreFailures => Interlocked.Read(ref _storeFailures);

    public long ReceiptsPublished => Interlocked.Read(ref _receiptsPublished);

    public long ReceiptFailures => Interlocked.Read(ref _receiptFailures);

    internal void AddEventsStored(int count) => Interlocked.Add(ref _eventsStored, count);

    internal void AddEventsDuplicate(int count) => Interlocked.Add(ref _eventsDuplicate, count);

    internal void AddEventConflicts(int count) => Interlocked.Add(ref _eventConflicts, count);

    internal void AddSnapshotsStored(int count) => Interlocked.Add(ref _snapshotsStored, count);

    internal void AddSnapshotsDuplicate(int count) => Interlocked.Add(ref _snapshotsDuplicate, count);

    internal void AddStoreFailure() => Interlocked.Increment(ref _storeFailures);

    public void AddReceiptPublished() => Interlocked.Increment(ref _receiptsPublished);

    public void AddReceiptFailure() => Interlocked.Increment(ref _receiptFailures);
}
