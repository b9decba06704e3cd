using LiteDB;
using Microsoft.Extensions.Logging;
using Relay.Core.Accounts;
using Relay.Core.Alerts;
using Relay.Core.Audit;
using Relay.Core.Certificates;
using Relay.Core.Commands;
using Relay.Core.Devices;
using Relay.Core.Enrolment;
using Relay.Core.Storage.Documents;

namespace Relay.Core.Storage;

/// <summary>
/// The relay's store on one machine: one LiteDB file, opened once per process (LiteDB's guidance: one
/// <see cref="LiteDatabase"/> per file, shared by all threads). Every write is one transaction followed by a real
/// flush of the log file, so that "committed" means "on stable storage" before any receipt is published.
/// </summary>
public sealed partial class LiteDbRelayStore : IAlertStore, IDeviceStore, ICommandStore, IUserStore, IAuditLog, ICertificateStore, IEnrolmentStore, IDisposable
{
    private readonly DurableFileStream _dataFile;
    private readonly DurableFileStream _logFile;
    private readonly LiteDatabase _db;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;

    // LiteDB transactions belong to a thread and writes to different collections may interleave; one gate keeps
    // "begin, write, commit, flush" a unit, which is what a receipt relies on.
    private readonly Lock _writeGate = new();

    private readonly ILiteCollection<EventDocument> _events;
    private readonly ILiteCollection<AlertDocument> _alerts;
    private readonly ILiteCollection<SnapshotDocument> _snapshots;
    private readonly ILiteCollection<SnapshotDataDocument> _snapshotData;
    private readonly ILiteCollection<SequenceDocument> _sequences;
    private readonly ILiteCollection<DeviceDocument> _devices;
    private readonly ILiteCollection<CommandDocument> _commands;
    private readonly ILiteCollection<ConflictDocument> _conflicts;
    private readonly ILiteCollection<UserDocument> _users;
    private readonly ILiteCollection<AuditDocument> _audit;
    private readonly ILiteCollection<CertificateDocument> _certificates;
    private readonly ILiteCollection<EnrolmentCodeDocument> _enrolmentCodes;

    private DateTimeOffset? _lastCommitAt;
    private string? _lastError;
    private DateTimeOffset? _lastErrorAt;
    private bool _disposed;

    private LiteDbRelayStore(string path, DurableFileStream dataFile, DurableFileStream logFile, TimeProvider timeProvider, ILogger logger)
    {
        Path = path;
        _dataFile = dataFile;
        _logFile = logFile;
        _timeProvider = timeProvider;
        _logger = logger;

        // Our own streams instead of a connection string: LiteDB then uses them as they are (direct mode, no
        // shared-mode mutex), and we hold the log stream to flush it after each commit.
        _db = new LiteDatabase(dataFile, new BsonMapper(), logFile);

        _events = _db.GetCollection<EventDocument>("events");
        _alerts = _db.GetCollection<AlertDocument>("alerts");
        _snapshots = _db.GetCollection<SnapshotDocument>("snapshots");
        _snapshotData = _db.GetCollection<SnapshotDataDocument>("snapshot_data");
        _sequences = _db.GetCollection<SequenceDocument>("sequences");
        _devices = _db.GetCollection<DeviceDocument>("devices");
        _commands = _db.GetCollection<CommandDocument>("commands");
        _conflicts = _db.GetCollection<ConflictDocument>("event_conflicts");
        _users = _db.GetCollection<UserDocument>("users");
        _audit = _db.GetCollection<AuditDocument>("audit");
        _certificates = _db.GetCollection<CertificateDocument>("device_certificates");
        _enrolmentCodes = _db.GetCollection<EnrolmentCodeDocument>("enrolment_codes");

        Write(() =>
        {
            _events.EnsureIndex(x => x.AlertId);
            _alerts.EnsureIndex(x => x.RaisedAt);
            _alerts.EnsureIndex(x => x.Site);
            _alerts.EnsureIndex(x => x.Device);
            _alerts.EnsureIndex(x => x.FirstReceivedAt);
            _snapshots.EnsureIndex(x => x.AlertId);
            _snapshots.EnsureIndex(x => x.ReceivedAt);
            _audit.EnsureIndex(x => x.Target);
            _commands.EnsureIndex(x => x.Device);
            _certificates.EnsureIndex(x => x.Identity);
            return 0;
        });
    }

    public string Path { get; }

    /// <summary>Opens (or creates) the store file and its log beside it. Fails with a clear message when another
    /// process holds the file.</summary>
    public static LiteDbRelayStore Open(string path, TimeProvider timeProvider, ILogger<LiteDbRelayStore> logger)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        DurableFileStream? data = null;
        DurableFileStream? log = null;
        try
        {
            data = new DurableFileStream(fullPath);
            log = new DurableFileStream(LogPathOf(fullPath));
            var store = new LiteDbRelayStore(fullPath, data, log, timeProvider, logger);
            LogOpened(logger, fullPath);
            return store;
        }
        catch (IOException ex) when (data is null || log is null)
        {
            data?.Dispose();
            throw new IOException(
                $"The relay store '{fullPath}' could not be opened: {ex.Message} If another process holds it (a running " +
                "relay?), stop that process first: LiteDB allows one process per file.", ex);
        }
        catch
        {
            log?.Dispose();
            data?.Dispose();
            throw;
        }
    }

    /// <summary>LiteDB's own naming for the write-ahead log: <c>relay.db</c> → <c>relay-log.db</c>.</summary>
    public static string LogPathOf(string dataPath) =>
        System.IO.Path.Combine(
            System.IO.Path.GetDirectoryName(dataPath) ?? "",
            System.IO.Path.GetFileNameWithoutExtension(dataPath) + "-log" + System.IO.Path.GetExtension(dataPath));

    public StoreHealth Health
    {
        get
        {
            lock (_writeGate)
            {
                return new StoreHealth(Path, !_disposed, _lastCommitAt, _lastError, _lastErrorAt);
            }
        }
    }

    public void Dispose()
    {
        lock (_writeGate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;

            // Disposing runs a last checkpoint: data pages are written and fsynced (DurableFileStream.Flush), then
            // the log is emptied.
            _db.Dispose();
            var logPath = _logFile.Name;
            var logIsEmpty = _logFile.Length == 0;
            _logFile.Dispose();
            _dataFile.Dispose();
            if (logIsEmpty)
            {
                File.Delete(logPath);
            }

            LogClosed(_logger, Path);
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction, commits, and forces the log to disk.</summary>
    private T Write<T>(Func<T> work)
    {
        lock (_writeGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_db.BeginTrans())
            {
                throw new InvalidOperationException("A store transaction is already open on this thread.");
            }

            T result;
            try
            {
                result = work();
                _db.Commit();
            }
            catch (Exception ex)
            {
                _db.Rollback();
                RecordError(ex);
                throw;
            }

            try
            {
                FlushLog();
            }
            catch (IOException ex)
            {
                RecordError(ex);
                throw;
            }

            _lastCommitAt = _timeProvider.GetUtcNow();
            return result;
        }
    }

    private void FlushLog()
    {
        // LiteDB's stream wrapper locks the underlying FileStream around each positioned read and write; taking the
        // same lock keeps this flush out of the middle of a concurrent reader's seek-and-read.
        lock (_logFile)
        {
            _logFile.Flush(flushToDisk: true);
        }
    }

    private void RecordError(Exception ex)
    {
        _lastError = $"{ex.GetType().Name}: {ex.Message}";
        _lastErrorAt = _timeProvider.GetUtcNow();
        LogWriteFailed(_logger, ex);
    }

    private T Read<T>(Func<T> query)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return query();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Relay store opened: {Path}")]
    private static partial void LogOpened(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Relay store flushed and closed: {Path}")]
    private static partial void LogClosed(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Relay store write failed; nothing of it was receipted")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);
}
