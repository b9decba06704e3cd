namespace Edge.Outbox.Storage;

/// <summary>The two files of a LiteDB database (data and write-ahead log), opened by the outbox.</summary>
public sealed record OutboxFiles(Stream Data, Stream Log) : IDisposable
{
    /// <summary>Opens <c>{path}</c> and <c>{path-without-extension}-log{extension}</c>, LiteDB's own naming.</summary>
    public static OutboxFiles Open(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var data = FsyncOnFlushStream.Open(path);
        try
        {
            return new OutboxFiles(data, FsyncOnFlushStream.Open(LogPathFor(path)));
        }
        catch
        {
            data.Dispose();
            throw;
        }
    }

    /// <summary>Renames a damaged database and its log to <c>*.damaged-{time}</c>; returns the new data file name.</summary>
    public static string MoveAside(string path, DateTimeOffset now)
    {
        var suffix = ".damaged-" + now.ToString("yyyyMMddTHHmmssZ", System.Globalization.CultureInfo.InvariantCulture);
        var log = LogPathFor(path);
        if (File.Exists(log))
        {
            File.Move(log, log + suffix, overwrite: true);
        }

        File.Move(path, path + suffix, overwrite: true);
        return path + suffix;
    }

    public static string LogPathFor(string path) =>
        Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, Path.GetFileNameWithoutExtension(path) + "-log" + Path.GetExtension(path));

    public void Dispose()
    {
        Data.Dispose();
        Log.Dispose();
    }
}
