namespace Edge.Outbox.Storage;

/// <summary>
/// A file stream whose <see cref="Flush()"/> reaches stable storage (fsync), not only the OS cache.
/// LiteDB 5 writes its log pages with plain writes and never forces them to disk on commit (litedb-org/LiteDB#2818):
/// a committed transaction survives a killed process but not a power cut. The outbox flushes this stream after
/// every commit; LiteDB's own flush at checkpoint goes through it too.
/// </summary>
public sealed class FsyncOnFlushStream(FileStream inner) : Stream
{
    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    /// <summary>Opens (or creates) <paramref name="path"/> for reading and writing, exclusively.</summary>
    public static FsyncOnFlushStream Open(string path) =>
        new(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.RandomAccess));

    public override void Flush() => inner.Flush(flushToDisk: true);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override int Read(Span<byte> buffer) => inner.Read(buffer);

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void SetLength(long value) => inner.SetLength(value);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
