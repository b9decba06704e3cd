using Edge.Contracts.Messages;
using Edge.Contracts.Serialization;
using Edge.Core.Outbox;
using Edge.Outbox.Storage;
using LiteDB;
using Microsoft.Extensions.Logging;

namespace Edge.Outbox;

/// <summary>
/// The outbox on LiteDB 5. Each append is one transaction, and the log file is forced to stable storage (fsync)
/// before the append returns: LiteDB 5 commits only reach the OS cache (see <see cref="FsyncOnFlushStream"/>).
/// When storage fails (disk full, I/O error, damaged file) the entry is kept in memory, still readable by the uplink,
/// the fault is reported in <see cref="Health"/>, and a timer keeps trying to write it. Sequence numbers are assigned
/// here, under one lock, so they are gapless and in append order.
/// </summary>
public sealed partial class LiteDbOutbox : IOutbox, IDisposable
{
    private const string EventsCollection = "events";
    private const string SnapshotsCollection = "snapshots";
    private const string MetaCollection = "meta";
    private static readonly TimeSpan s_retryInterval = TimeSpan.FromSeconds(5);

    private readonly Func<OutboxFiles> _openFiles;
    private readonly Func<string>? _moveDamagedAside;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly SortedDictionary<long, (AlertEvent Event, byte[] Json)> _memoryEvents = [];
    private readonly List<(long Order, OutboxSnapshot Snapshot)> _memorySnapshots = [];
    private readonly ITimer _retryTimer;
    private OutboxFiles? _files;
    private LiteDatabase? _db;
    private long _lastSeq;
    private long _lastSnapshotOrder;
    private int _durableEvents;
    private int _durableSnapshots;
    private string? _fault;
    private bool _reopenBeforeWriting;
    private bool _disposed;

    /// <param name="openFiles">Opens the data and log streams; called again to reopen after a storage failure.</param>
    /// <param name="moveDamagedAside">Moves a file LiteDB cannot open out of the way (kept for analysis) and says where.</param>
    public LiteDbOutbox(Func<OutboxFiles> openFiles, TimeProvider time, ILogger logger, Func<string>? moveDamagedAside = null)
    {
        _openFiles = openFiles;
        _moveDamagedAside = moveDamagedAside;
        _time = time;
        _logger = logger;
        _retryTimer = time.CreateTimer(_ => RetryStorage(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        lock (_gate)
        {
            TryOpen();
        }
    }

    public event EventHandler? Appended;

    public OutboxHealth Health
    {
        get
        {
            lock (_gate)
            {
                return new OutboxHealth
                {
                    PendingEvents = _durableEvents + _memoryEvents.Count,
                    PendingSnapshots = _durableSnapshots + _memorySnapshots.Count,
                    LastSeq = _lastSeq,
                    InMemoryOnly = _memoryEvents.Count + _memorySnapshots.Count,
                    Fault = _fault,
                    OldestPendingAt = OldestPendingAt(),
                };
            }
        }
    }

    /// <summary>Set when the file was damaged at start and replaced by a new one: what happened, for a fault event.</summary>
    public string? DamageReport { get; private set; }

    /// <summary>Opens the outbox at <paramref name="path"/> (created if absent).</summary>
    public static LiteDbOutbox Open(string path, TimeProvider time, ILogger logger) =>
        new(() => OutboxFiles.Open(path), time, logger, () => OutboxFiles.MoveAside(path, time.GetUtcNow()));

    public ValueTask<AlertEvent> AppendAsync(AlertEvent draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        AlertEvent stored;
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            stored = draft with { Seq = _lastSeq + 1 };

            // Refuses an invalid event here, before it takes a sequence number, rather than at the relay.
            var json = ContractSerializer.Serialize(stored);
            _lastSeq = stored.Seq;
            _memoryEvents[stored.Seq] = (stored, json);
            FlushMemoryToStorage();
        }

        Appended?.Invoke(this, EventArgs.Empty);
        return ValueTask.FromResult(stored);
    }

    public ValueTask AppendSnapshotAsync(Guid alertId, int index, ReadOnlyMemory<byte> jpeg, DateTimeOffset takenAt, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _lastSnapshotOrder++;
            _memorySnapshots.Add((_lastSnapshotOrder, new OutboxSnapshot(alertId, index, takenAt, jpeg.ToArray())));
            FlushMemoryToStorage();
        }

        Appended?.Invoke(this, EventArgs.Empty);
        return ValueTask.CompletedTask;
    }

    public IReadOnlyList<AlertEvent> ReadEvents(long afterSeq, int max)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var result = new List<AlertEvent>(Math.Min(max, 256));
            if (_db is not null)
            {
                try
                {
                    foreach (var doc in _db.GetCollection(EventsCollection).Find(Query.GT("_id", afterSeq), limit: max))
                    {
                        var read = ContractSerializer.ReadAlertEvent(doc["json"].AsBinary);
                        if (read.IsValid)
                        {
                            result.Add(read.Message);
                        }
                        else
                        {
                            Log.UnreadableEvent(_logger, doc["_id"].AsInt64, read.Error);
                        }
                    }
                }
                catch (Exception ex) when (IsStorageFailure(ex))
                {
                    ReadFailed(ex, "reading events");
                }
            }

            // Entries held in memory are merged in sequence order, so the relay gets them even with a dead disk.
            // After a failed write the engine may also show the entry it failed to commit: memory wins.
            var merged = new SortedDictionary<long, AlertEvent>();
            foreach (var e in result)
            {
                merged[e.Seq] = e;
            }

            foreach (var (e, _) in _memoryEvents.Values.Where(m => m.Event.Seq > afterSeq))
            {
                merged[e.Seq] = e;
            }

            return [.. merged.Values.Take(max)];
        }
    }

    public IReadOnlyList<OutboxSnapshot> ReadSnapshots(int max)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var result = new List<(long, OutboxSnapshot)>();
            if (_db is not null)
            {
                try
                {
                    var collection = _db.GetCollection(SnapshotsCollection);
                    foreach (var doc in collection.Find(Query.All("order", Query.Ascending), limit: max))
                    {
                        result.Add((doc["order"].AsInt64, new OutboxSnapshot(
                            doc["alertId"].AsGuid, doc["index"].AsInt32, new DateTimeOffset(doc["takenAt"].AsDateTime.ToUniversalTime(), TimeSpan.Zero), doc["jpeg"].AsBinary)));
                    }
                }
                catch (Exception ex) when (IsStorageFailure(ex))
                {
                    ReadFailed(ex, "reading snapshots");
                }
            }

            var merged = new SortedDictionary<long, OutboxSnapshot>();
            foreach (var (order, snapshot) in result.Concat(_memorySnapshots))
            {
                merged[order] = snapshot;
            }

            return [.. merged.Values.Take(max)];
        }
    }

    public void RetireEvents(IReadOnlyCollection<long> seqs)
    {
        ArgumentNullException.ThrowIfNull(seqs);
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            foreach (var seq in seqs)
            {
                _memoryEvents.Remove(seq);
            }

            if (_db is null)
            {
                return;
            }

            try
            {
                // No fsync here: a retirement lost in a power cut only means the event is sent again, and the
                // relay drops the duplicate.
                _durableEvents -= DeleteByIds(EventsCollection, seqs.Select(s => new BsonValue(s)));
            }
            catch (Exception ex) when (IsStorageFailure(ex))
            {
                StorageFailed(ex, "retiring events");
            }
        }
    }

    public void RetireSnapshots(IReadOnlyCollection<(Guid AlertId, int Index)> snapshots)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _memorySnapshots.RemoveAll(s => snapshots.Contains((s.Snapshot.AlertId, s.Snapshot.Index)));
            if (_db is null)
            {
                return;
            }

            try
            {
                _durableSnapshots -= DeleteByIds(SnapshotsCollection, snapshots.Select(s => new BsonValue(SnapshotId(s.AlertId, s.Index))));
            }
            catch (Exception ex) when (IsStorageFailure(ex))
            {
                StorageFailed(ex, "retiring snapshots");
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _retryTimer.Dispose();
            if (_memoryEvents.Count + _memorySnapshots.Count > 0)
            {
                Log.LostAtShutdown(_logger, _memoryEvents.Count, _memorySnapshots.Count);
            }

            CloseStorage();
        }
    }

    private void TryOpen()
    {
        try
        {
            _files = _openFiles();
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            StorageFailed(ex, "opening the outbox files");
            return;
        }

        try
        {
            _db = new LiteDatabase(_files.Data, new BsonMapper(), _files.Log);
            var meta = _db.GetCollection(MetaCollection);
            var durableLastSeq = meta.FindById("lastSeq")?["value"].AsInt64 ?? 0;
            var events = _db.GetCollection(EventsCollection);
            var newest = events.Find(Query.All("_id", Query.Descending), limit: 1).FirstOrDefault();
            _lastSeq = Math.Max(_lastSeq, Math.Max(durableLastSeq, newest?["_id"].AsInt64 ?? 0));
            _durableEvents = events.Count();
            var snapshots = _db.GetCollection(SnapshotsCollection);
            snapshots.EnsureIndex("order");
            _durableSnapshots = snapshots.Count();
            var newestSnapshot = snapshots.Find(Query.All("order", Query.Descending), limit: 1).FirstOrDefault();
            _lastSnapshotOrder = Math.Max(_lastSnapshotOrder, newestSnapshot?["order"].AsInt64 ?? 0);
            _files.Log.Flush();
            Log.Opened(_logger, _durableEvents, _durableSnapshots, _lastSeq);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            StorageFailed(ex, "opening the outbox");
        }
        catch (Exception ex) when (_moveDamagedAside is not null && DamageReport is null && ex is not OutOfMemoryException)
        {
            // The files open but do not hold a database LiteDB can read (it reports damage with LiteException or
            // with whatever its page decoder trips on). Its entries are unreadable, but new alerts must be stored:
            // keep the damaged file for analysis and start a new one. Sequence numbers restart above anything the
            // old file can have used (milliseconds since 1970 is more than any box will ever number), so the relay
            // cannot mistake a new event for a duplicate of a lost one.
            CloseStorage();
            var movedTo = _moveDamagedAside();
            _lastSeq = Math.Max(_lastSeq, _time.GetUtcNow().ToUnixTimeMilliseconds());
            DamageReport = $"the outbox file was damaged ({ex.Message}); it was moved to {movedTo} and a new one started at sequence {_lastSeq + 1}";
            Log.DamagedFileReplaced(_logger, ex, movedTo);
            TryOpen();
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            StorageFailed(ex, "opening the outbox");
        }
    }

    /// <summary>
    /// Deletes by primary key, in one transaction. Not DeleteMany(Query.In(...)): LiteDB compiles a new expression for
    /// each such query (about 8 ms on a small machine), which capped the drain of a backlog at a few hundred events per
    /// second; a delete by id goes straight to the index.
    /// </summary>
    private int DeleteByIds(string collectionName, IEnumerable<BsonValue> ids)
    {
        var collection = _db!.GetCollection(collectionName);
        var deleted = 0;
        _db.BeginTrans();
        try
        {
            foreach (var id in ids)
            {
                deleted += collection.Delete(id) ? 1 : 0;
            }

            _db.Commit();
        }
        catch
        {
            _db.Rollback();
            throw;
        }

        return deleted;
    }

    /// <summary>Writes every entry held in memory, in order, each in its own durable transaction.</summary>
    private void FlushMemoryToStorage()
    {
        if (_db is null || _reopenBeforeWriting)
        {
            return;
        }

        try
        {
            foreach (var (e, json) in _memoryEvents.Values.ToList())
            {
                _db.BeginTrans();
                _db.GetCollection(EventsCollection).Upsert(new BsonDocument
                {
                    ["_id"] = e.Seq,
                    ["json"] = json,
                });
                _db.GetCollection(MetaCollection).Upsert(new BsonDocument { ["_id"] = "lastSeq", ["value"] = Math.Max(e.Seq, _lastSeq) });
                _db.Commit();
                _files!.Log.Flush();
                _memoryEvents.Remove(e.Seq);
                _durableEvents++;
            }

            foreach (var (order, s) in _memorySnapshots.ToList())
            {
                _db.BeginTrans();
                _db.GetCollection(SnapshotsCollection).Upsert(new BsonDocument
                {
                    ["_id"] = SnapshotId(s.AlertId, s.Index),
                    ["order"] = order,
                    ["alertId"] = s.AlertId,
                    ["index"] = s.Index,
                    ["takenAt"] = s.TakenAt.UtcDateTime,
                    ["jpeg"] = s.Jpeg.ToArray(),
                });
                _db.Commit();
                _files!.Log.Flush();
                _memorySnapshots.RemoveAt(0);
                _durableSnapshots++;
            }

            if (_fault is not null)
            {
                Log.Recovered(_logger);
                _fault = null;
                _retryTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            StorageFailed(ex, "writing");
        }
    }

    private void StorageFailed(Exception ex, string during)
    {
        var firstTime = _fault is null;
        _fault = $"storage failure while {during}: {ex.Message}";
        if (firstTime)
        {
            Log.StorageFailed(_logger, ex, during);
        }

        // The engine of a LiteDB that failed mid-write is not to be trusted with another write: the retry reopens it
        // first, which replays only the committed part of the log. Until then it still serves reads, so that the
        // uplink keeps draining what is already on disk.
        _reopenBeforeWriting = true;
        _retryTimer.Change(s_retryInterval, Timeout.InfiniteTimeSpan);
    }

    private void RetryStorage()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            if (_db is null || _reopenBeforeWriting)
            {
                CloseStorage();
                _reopenBeforeWriting = false;
                TryOpen();
            }

            FlushMemoryToStorage();
            if (_fault is not null)
            {
                _retryTimer.Change(s_retryInterval, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private void CloseStorage()
    {
        try
        {
            _db?.Dispose();
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            // Closing a failed database can fail as well; the files are closed below regardless.
        }

        try
        {
            _files?.Dispose();
        }
        catch (IOException)
        {
            // Same.
        }

        _db = null;
        _files = null;
    }

    /// <summary>A read failed: the engine cannot be used at all until it is reopened.</summary>
    private void ReadFailed(Exception ex, string during)
    {
        StorageFailed(ex, during);
        CloseStorage();
    }

    private DateTimeOffset? OldestPendingAt()
    {
        var oldestInMemory = _memoryEvents.Values.FirstOrDefault().Event?.At;
        if (_db is null || _durableEvents == 0)
        {
            return oldestInMemory;
        }

        try
        {
            var first = _db.GetCollection(EventsCollection).Find(Query.All("_id", Query.Ascending), limit: 1).FirstOrDefault();
            var read = first is null ? default : ContractSerializer.ReadAlertEvent(first["json"].AsBinary);
            return read.IsValid ? read.Message.At : oldestInMemory;
        }
        catch (Exception ex) when (IsStorageFailure(ex))
        {
            return oldestInMemory;
        }
    }

    private static string SnapshotId(Guid alertId, int index) => $"{alertId:N}-{index}";

    private static bool IsStorageFailure(Exception ex) => ex is IOException or LiteException or UnauthorizedAccessException or InvalidOperationException or ObjectDisposedException;

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Outbox open: {Events} events and {Snapshots} snapshots waiting for the relay, last sequence {LastSeq}")]
        public static partial void Opened(ILogger logger, int events, int snapshots, long lastSeq);

        [LoggerMessage(Level = LogLevel.Critical, Message = "Outbox storage failed while {During}; alerts are kept in memory until it can be written again")]
        public static partial void StorageFailed(ILogger logger, Exception ex, string during);

        [LoggerMessage(Level = LogLevel.Information, Message = "Outbox storage works again; entries held in memory are now on disk")]
        public static partial void Recovered(ILogger logger);

        [LoggerMessage(Level = LogLevel.Error, Message = "Outbox entry {Seq} cannot be read back and is skipped: {Error}")]
        public static partial void UnreadableEvent(ILogger logger, long seq, string error);

        [LoggerMessage(Level = LogLevel.Critical, Message = "The outbox file could not be opened and was moved to {MovedTo}; a new one was started")]
        public static partial void DamagedFileReplaced(ILogger logger, Exception ex, string movedTo);

        [LoggerMessage(Level = LogLevel.Critical, Message = "Stopping with {Events} events and {Snapshots} snapshots held only in memory: they are lost")]
        public static partial void LostAtShutdown(ILogger logger, int events, int snapshots);
    }
}
