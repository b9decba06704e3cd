namespace Relay.Core.Storage;

/// <summary>
/// A LiteDB file that really reaches the disk when flushed.
/// <list type="bullet">
/// <item>LiteDB 5 never forces a commit to disk: its commit path only writes the log file (see
/// shared/reference/edge-store-and-forward.md §3.1), so the store calls <c>Flush(true)</c> on the log itself after
/// every commit, before anything is acknowledged.</item>
/// <item>At a checkpoint LiteDB writes data pages, calls <see cref="Flush()"/> on the data stream (it only fsyncs a
/// <see cref="FileStream"/> it opened itself, and ours reaches it wrapped) and then truncates the log. Without an
/// fsync here a power cut could lose pages whose only other copy was the truncated log, hence the override.</item>
/// <item>Unbuffered (bufferSize 0): LiteDB writes whole 8 KiB pages, and with no buffer a flush from one thread
/// never races a read's buffer on another.</item>
/// <item><see cref="FileShare.None"/> takes an exclusive lock: one process per file, as LiteDB's direct mode
/// requires; a second relay or an admin command on a running relay's file fails at once instead of corrupting it.</item>
/// </list>
/// </summary>
internal sealed class DurableFileStream(string path)
    : FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0, FileOptions.RandomAccess)
{
    public override void Flush() => Flush(flushToDisk: true);
}
