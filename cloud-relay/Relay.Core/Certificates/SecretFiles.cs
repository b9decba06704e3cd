using System.Security.Cryptography.X509Certificates;

namespace Relay.Core.Certificates;

/// <summary>
/// PEM files on disk. Private keys are created owner-only (0600, in a 0700 directory) from the first byte: the file is
/// opened with that mode rather than chmod-ed afterwards, so there is no moment when another account could read it.
/// Every write goes to a temporary file renamed over the target, so a crash never leaves half a key.
/// </summary>
public static class SecretFiles
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnly | UnixFileMode.UserExecute;
    private const UnixFileMode Readable = OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>Creates the directory owner-only if it does not exist (an existing one keeps its mode).</summary>
    public static void EnsurePrivateDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, OwnerOnlyDirectory);
        }
    }

    /// <summary>A private key or anything else only the relay's account may read: 0600.</summary>
    public static void WriteSecret(string path, string content) => Write(path, content, OwnerOnly);

    /// <summary>A certificate or a revocation list: public by nature, 0644.</summary>
    public static void WritePublic(string path, string content) => Write(path, content, Readable);

    /// <summary>True when a group or other bit is set on a key file: worth a warning at start (a copy made with the
    /// wrong umask, a restore from backup), never a silent fix.</summary>
    public static bool IsReadableByOthers(string path) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~(OwnerOnly | UnixFileMode.UserExecute)) != 0;

    /// <summary>A certificate with its private key, usable by SslStream on every platform (the PKCS#12 round trip
    /// turns the ephemeral key that PEM loading gives into one the TLS stack accepts).</summary>
    public static X509Certificate2 LoadWithKey(string certificateFile, string keyFile)
    {
        using var pem = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    private static void Write(string path, string content, UnixFileMode mode)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(content);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
