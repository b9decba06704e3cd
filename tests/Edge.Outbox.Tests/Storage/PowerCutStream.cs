namespace Edge.Outbox.Tests.Storage;

/// <summary>
/// A file as the disk sees it through a power cut: writes land in a volatile copy (the OS page cache) and reach the
/// durable copy only on Flush, which the real file stream turns into fsync. <see cref="DurableImage"/> is what
/// would be left after the power comes back. The same idea as SQLite's crash-test VFS.
/// </summary>
internal sealed class PowerCutStream : Stream
{
    private readonly MemoryStream _volatile;
    private byte[] _durable;

    public PowerCutStream(byte[]? initial = null)
    {
        _durable = initial ?? [];
        _volatile = new MemoryStream();
        _volatile.Write(_durable);
        _volatile.Position = 0;
    }

    public int Flushes { get; private set; }

    /// <summary>When set, every write fails as on a full disk.</summary>
    public bool DiskFull { get; set; }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => true;

    public override long Length => _volatile.Length;

    public override long Position
    {
        get => _volatile.Position;
        set => _volatile.Position = value;
    }

    public byte[] DurableImage() => [.. _durable];

    public override void Flush()
    {
        Flushes++;
        _durable = _volatile.ToArray();
    }

    public override int Read(byte[] buffer, int offset, int count) => _volatile.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => _volatile.Seek(offset, origin);

    public override void SetLength(long value)
    {
        ThrowIfFull();
        _volatile.SetLength(value);
    }

    public override void Write(byte[] buffer, int offset, int count)
    {
        ThrowIfFull();
        _volatile.Write(buffer, offset, count);
    }

    // LiteDB must not close the test's streams: the test reads their images after the database is gone.
    protected override void Dispose(bool disposing)
    {
    }

    private void ThrowIfFull()
    {
        if (DiskFull)
        {
            throw new IOException("No space left on device");
        }
    }
}
