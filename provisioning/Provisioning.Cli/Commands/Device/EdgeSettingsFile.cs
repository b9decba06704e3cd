using System.Runtime.Versioning;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Provisioning.Cli.Output;

namespace Provisioning.Cli.Commands.Device;

/// <summary>
/// The box's own settings file (<c>edge.json</c>, read by <c>Edge.Worker</c> from <c>Edge:SettingsFile</c>, default
/// <c>/etc/panic-edge/edge.json</c>), where enrolment puts the uplink: broker, TLS and the certificate files. An
/// existing file is merged into — its other settings are kept — and read before the code is spent, so that a file
/// the box could not read either stops the enrolment while the code is still good.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class EdgeSettingsFile
{
    public const string FileName = "edge.json";

    /// <summary>Settings of a password link, dropped: on the TLS endpoint the certificate is the identity.</summary>
    private static readonly string[] s_passwordSettings = ["Username", "Password", "PasswordSecret"];

    private static readonly JsonDocumentOptions s_read = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private static readonly JsonSerializerOptions s_write = new() { WriteIndented = true };

    private readonly JsonObject _root;

    private EdgeSettingsFile(string path, JsonObject root, bool existed, UnixFileMode? mode)
    {
        Path = path;
        _root = root;
        Existed = existed;
        Mode = mode;
    }

    public string Path { get; }

    public bool Existed { get; }

    /// <summary>The existing file's permissions, kept; a new file is 0644 (it holds no secret).</summary>
    private UnixFileMode? Mode { get; }

    /// <summary>The password settings that were removed from the uplink section (names only).</summary>
    public IReadOnlyList<string> Dropped { get; private set; } = [];

    public static EdgeSettingsFile Read(string directory)
    {
        var path = System.IO.Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            return new EdgeSettingsFile(path, [], existed: false, mode: null);
        }

        try
        {
            var node = JsonNode.Parse(File.ReadAllText(path), documentOptions: s_read);
            return node is JsonObject root
                ? new EdgeSettingsFile(path, root, existed: true, File.GetUnixFileMode(path))
                : throw new JsonException("the file is not a JSON object");
        }
        catch (JsonException exception)
        {
            throw new CheckFailedException($"{path} is not valid JSON ({exception.Message}): the box could not read it either. Nothing was enrolled.", exception)
            {
                Hint = $"Fix it or move it away (sudo mv {path} {path}.bak), then run the command again: the code is still valid.",
            };
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new CheckFailedException($"Cannot read {path}: {exception.Message}", exception) { Hint = "Run the command with sudo on the box." };
        }
    }

    /// <summary>Sets <c>Edge:Uplink</c> for the enrolled link, keeping every other setting.</summary>
    public void SetUplink(string host, int port, BoxTlsFolder files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var uplink = Section(Section(_root, "Edge"), "Uplink");
        var dropped = new List<string>();
        foreach (var name in s_passwordSettings)
        {
            if (Key(uplink, name) is { } key)
            {
                uplink.Remove(key);
                dropped.Add(key);
            }
        }

        Set(uplink, "Enabled", true);
        Set(uplink, "Host", host);
        Set(uplink, "Port", port);
        Set(uplink, "UseTls", true);
        Set(uplink, "CaCertificateFile", files.CaFile);
        Set(uplink, "ClientCertificateFile", files.CertificateFile);
        Set(uplink, "ClientKeyFile", files.KeyFile);
        Dropped = dropped;
    }

    /// <summary>Writes the file whole (temporary file renamed into place).</summary>
    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        var content = Encoding.UTF8.GetBytes(_root.ToJsonString(s_write) + "\n");
        await AtomicFile.WriteAsync(new FileInfo(Path), content, cancellationToken).ConfigureAwait(false);
        File.SetUnixFileMode(Path, Mode ?? (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead));
    }

    /// <summary>Configuration keys are case-insensitive: "edge" and "Edge" are the same section, merged, not doubled.</summary>
    private static string? Key(JsonObject parent, string name) =>
        parent.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));

    private static JsonObject Section(JsonObject parent, string name)
    {
        if (Key(parent, name) is { } key && parent[key] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        if (Key(parent, name) is { } replaced)
        {
            parent.Remove(replaced);
        }

        parent[name] = created;
        return created;
    }

    private static void Set(JsonObject section, string name, JsonNode? value)
    {
        section[Key(section, name) ?? name] = value;
    }
}
