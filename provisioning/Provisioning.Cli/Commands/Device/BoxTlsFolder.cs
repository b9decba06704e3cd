using System.Runtime.Versioning;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Provisioning.Cli.Commands.Secret;
using Provisioning.Cli.Output;

namespace Provisioning.Cli.Commands.Device;

/// <summary>A box identity already on disk: what its certificate says, when it can be read.</summary>
internal sealed record ExistingIdentity(string Folder, string? Subject, string? SerialNumber, DateTimeOffset? NotAfter);

/// <summary>
/// The box's TLS files under the settings folder (<c>/etc/panic-edge/tls</c> by default), as the box's uplink reads
/// them: <c>ca.crt</c> (the relay's CA), <c>box.crt</c> (the box's certificate then the CA), <c>box.key</c> (PKCS#8
/// PEM). The folder is owner-only (0700) and the key 0600 from its first byte. The new key is written to a temporary
/// file before the code is spent, so that a folder this user cannot write is found out while the code is still good.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class BoxTlsFolder
{
    public const string FolderName = "tls";

    private const UnixFileMode CertificateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private string? _stagedKey;

    public BoxTlsFolder(string settingsDirectory)
    {
        SettingsDirectory = Path.GetFullPath(settingsDirectory);
        Folder = Path.Combine(SettingsDirectory, FolderName);
    }

    /// <summary>--out: the box's settings folder, where edge.json and tls/ go.</summary>
    public string SettingsDirectory { get; }

    public string Folder { get; }

    public string CaFile => Path.Combine(Folder, "ca.crt");

    public string CertificateFile => Path.Combine(Folder, "box.crt");

    public string KeyFile => Path.Combine(Folder, "box.key");

    /// <summary>The identity already there (a certificate or a key), or null.</summary>
    public ExistingIdentity? FindExisting()
    {
        if (!File.Exists(CertificateFile) && !File.Exists(KeyFile))
        {
            return null;
        }

        try
        {
            using var certificate = X509Certificate2.CreateFromPem(File.ReadAllText(CertificateFile));
            return new ExistingIdentity(Folder, certificate.GetNameInfo(X509NameType.SimpleName, false), certificate.SerialNumber, new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero));
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException)
        {
            return new ExistingIdentity(Folder, null, null, null);
        }
    }

    /// <summary>
    /// Creates the folders (settings 0755 when new: the service reads edge.json there; tls 0700) or tightens an
    /// existing tls folder others could open, and writes the new key to a temporary file there. Returns true when the
    /// tls folder had to be tightened.
    /// </summary>
    public bool Prepare(ECDsa key)
    {
        try
        {
            if (!Directory.Exists(SettingsDirectory))
            {
                Directory.CreateDirectory(SettingsDirectory);
                File.SetUnixFileMode(SettingsDirectory, SecretFolder.PrivateFolderMode | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }

            var tightened = false;
            if (!Directory.Exists(Folder))
            {
                Directory.CreateDirectory(Folder, SecretFolder.PrivateFolderMode);
            }
            else
            {
                tightened = !SecretFolder.IsPrivate(File.GetUnixFileMode(Folder));
            }

            File.SetUnixFileMode(Folder, SecretFolder.PrivateFolderMode);
            _stagedKey = Path.Combine(Folder, $".box.key.{Guid.NewGuid():N}.tmp");
            WritePrivate(_stagedKey, key.ExportPkcs8PrivateKeyPem());
            return tightened;
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            Discard();
            throw Unwritable(exception);
        }
    }

    /// <summary>Puts the certificate, the CA and the staged key in place (each written whole, then renamed).</summary>
    public void Commit(string chainPem, string caPem)
    {
        var staged = _stagedKey ?? throw new InvalidOperationException("Prepare first.");
        try
        {
            WriteCertificate(CaFile, caPem);
            WriteCertificate(CertificateFile, chainPem);
            File.Move(staged, KeyFile, overwrite: true);
            File.SetUnixFileMode(KeyFile, SecretFolder.PrivateFileMode);
            _stagedKey = null;
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            throw Unwritable(exception);
        }
    }

    /// <summary>Removes the staged key (enrolment refused or failed): nothing of this attempt stays on disk.</summary>
    public void Discard()
    {
        if (_stagedKey is { } staged)
        {
            TryDelete(staged);
            _stagedKey = null;
        }
    }

    private static void WriteCertificate(string path, string pem)
    {
        var temporary = path + $".{Guid.NewGuid():N}.tmp";
        try
        {
            File.WriteAllText(temporary, pem.EndsWith('\n') ? pem : pem + "\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.SetUnixFileMode(temporary, CertificateMode);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private static void WritePrivate(string path, string pem)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = SecretFolder.PrivateFileMode };
        using var stream = new FileStream(path, options);
        stream.Write(Encoding.ASCII.GetBytes(pem + "\n"));
        stream.Flush(flushToDisk: true);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // A leftover temporary file; the outcome was decided already.
        }
    }

    private CheckFailedException Unwritable(Exception exception) =>
        new($"Cannot write the box's identity in {Folder}: {exception.Message}", exception)
        {
            Hint = exception is UnauthorizedAccessException
                ? $"{SettingsDirectory} belongs to root on the box: run the command with sudo (or choose another folder with --out)."
                : "Check that the folder can be created and that the disk is not full.",
        };
}
