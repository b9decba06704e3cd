namespace Provisioning.Cli.Output;

/// <summary>
/// Writes a file whole or not at all (a half-written site file or message on a box is worse than none), and words
/// the usual failures (no such folder rights, disk full) for the installer.
/// </summary>
internal static class AtomicFile
{
    public static async Task WriteAsync(FileInfo file, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        var directory = file.Directory ?? new DirectoryInfo(".");
        var temporary = Path.Combine(directory.FullName, $".{file.Name}.{Guid.NewGuid():N}.tmp");
        try
        {
            directory.Create();
            await File.WriteAllBytesAsync(temporary, content, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, file.FullName, overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CheckFailedException($"Cannot write {file.FullName}: {exception.Message}", exception)
            {
                Hint = "Check that the folder exists and is writable by this user, and that the disk is not full.",
            };
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Only a leftover temporary file; the real outcome was already reported.
        }
    }
}
