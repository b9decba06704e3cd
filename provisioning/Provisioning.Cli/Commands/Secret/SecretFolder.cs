using System.Text;
using System.Text.RegularExpressions;
using Provisioning.Cli.Output;

namespace Provisioning.Cli.Commands.Secret;

/// <summary>
/// The box's secrets folder, as <c>Edge.Worker.Hosting.SecretStore</c> reads it: one file per secret, named after
/// it, whose whole content (without a final line break) is the value; the environment variable
/// <c>EDGE_SECRET_&lt;NAME&gt;</c> overrides a file. The folder is 0700 and each file 0600: only the box's service
/// user (or root) may read them.
/// </summary>
internal static partial class SecretFolder
{
    /// <summary>The box's default (<c>EdgeOptions.SecretsDirectory</c>).</summary>
    public const string DefaultDirectory = "/etc/panic-edge/secrets";

    /// <summary>The user the box's service runs as (the systemd unit's User=).</summary>
    public const string ServiceUser = "panic-edge";

    public const UnixFileMode PrivateFolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode PrivateFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode OthersMask =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public const string NameRule = "letters, digits and '-' only, starting with a letter or digit, at most 64 characters (e.g. sip-accueil, camera-hall)";

    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    /// <summary>The environment variable that overrides the file, exactly as the box names it.</summary>
    public static string EnvironmentVariableFor(string name) => "EDGE_SECRET_" + name.ToUpperInvariant().Replace('-', '_');

    /// <summary>"0755" for a mode.</summary>
    public static string Octal(UnixFileMode mode) => Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');

    public static bool IsPrivate(UnixFileMode mode) => (mode & OthersMask) == 0;

    /// <summary>
    /// Creates <paramref name="directory"/> owner-only (0700), or checks that an existing one is: a folder other users
    /// can open is refused rather than silently tightened, since secrets may already have been read from it.
    /// </summary>
    public static void EnsurePrivateFolder(string directory)
    {
        if (!UnixOnly.Supported)
        {
            throw UnixOnly.Refusal("secret");
        }

        try
        {
            if (!Directory.Exists(directory))
            {
                var parent = Path.GetDirectoryName(Path.GetFullPath(directory));
                if (parent is not null)
                {
                    Directory.CreateDirectory(parent);
                }

                Directory.CreateDirectory(directory, PrivateFolderMode);
                File.SetUnixFileMode(directory, PrivateFolderMode);
                return;
            }

            var mode = File.GetUnixFileMode(directory);
            if (!IsPrivate(mode))
            {
                throw new CheckFailedException($"{directory} can be opened by other users (mode {Octal(mode)}): secrets must not be stored there.")
                {
                    Hint = $"Make it owner-only first: sudo chmod 700 {directory} — then check who could read what is already in it (provision secret list --dir {directory}).",
                };
            }
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            throw Unreachable(directory, exception);
        }
    }

    /// <summary>Writes the secret whole or not at all, owner-only from its first byte.</summary>
    public static string Write(string directory, string name, string value)
    {
        if (!UnixOnly.Supported)
        {
            throw UnixOnly.Refusal("secret set");
        }

        var path = Path.Combine(directory, name);
        var temporary = Path.Combine(directory, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = PrivateFileMode,
            };
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.UTF8.GetBytes(value));
                stream.Flush(flushToDisk: true);
            }

            File.SetUnixFileMode(temporary, PrivateFileMode);
            File.Move(temporary, path, overwrite: true);
            File.SetUnixFileMode(path, PrivateFileMode);
            return path;
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            throw Unreachable(directory, exception);
        }
        finally
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
            {
                // Only a leftover temporary file; the outcome was already decided.
            }
        }
    }

    /// <summary>The secret files in <paramref name="directory"/>, or null when the folder does not exist.</summary>
    public static IReadOnlyList<FileInfo>? List(string directory)
    {
        try
        {
            var folder = new DirectoryInfo(directory);
            if (!folder.Exists)
            {
                return null;
            }

            return [.. folder.EnumerateFiles().Where(f => !f.Name.StartsWith('.')).OrderBy(f => f.Name, StringComparer.Ordinal)];
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            throw Unreachable(directory, exception);
        }
    }

    /// <summary>The value as the box reads it (final line breaks trimmed), or null when there is no such file.</summary>
    public static string? Read(string directory, string name)
    {
        var path = Path.Combine(directory, name);
        try
        {
            ProbeReadable(directory);
            return File.Exists(path) ? File.ReadAllText(path).TrimEnd('\r', '\n') : null;
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or IOException)
        {
            throw Unreachable(directory, exception);
        }
    }

    /// <summary>
    /// File.Exists says false for a file in a folder this user cannot open: opening the folder first turns that
    /// into the real reason (permission denied).
    /// </summary>
    private static void ProbeReadable(string directory)
    {
        if (Directory.Exists(directory))
        {
            using var entries = Directory.EnumerateFileSystemEntries(directory).GetEnumerator();
            entries.MoveNext();
        }
    }

    private static CheckFailedException Unreachable(string directory, Exception exception) =>
        new($"Cannot use the secrets folder {directory}: {exception.Message}", exception)
        {
            Hint = exception is UnauthorizedAccessException
                ? "The secrets folder is owner-only: run the command with sudo (or as the box's service user)."
                : "Check that the folder exists or can be created, and that the disk is not full.",
        };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
