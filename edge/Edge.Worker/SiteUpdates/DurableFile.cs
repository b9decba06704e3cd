namespace Edge.Worker.SiteUpdates;

/// <summary>Writes a whole file or nothing, on stable storage: a power cut mid-update leaves the old file or the new one.</summary>
public static class DurableFile
{
    public static void Write(string path, string content)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
