namespace Edge.Worker.Hosting;

/// <summary>
/// Reads the secrets a site file names (camera and SIP passwords) without ever putting them in the site file, which
/// is shared and pushed over the network. A secret <c>camera-hall</c> is read from the environment variable
/// <c>EDGE_SECRET_CAMERA_HALL</c> if set (handy for the demo and containers), else from the file
/// <c>{SecretsDirectory}/camera-hall</c> (owner-only, written by the provisioning tool).
/// </summary>
public sealed class SecretStore(string directory)
{
    public string Directory { get; } = directory;

    public static string EnvironmentVariableFor(string name) => "EDGE_SECRET_" + name.ToUpperInvariant().Replace('-', '_');

    /// <summary>The secret, or null when it is not provisioned (the caller reports that as a fault, with this name).</summary>
    public string? Find(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariableFor(name));
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        if (name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || name.StartsWith('.'))
        {
            throw new ArgumentException($"'{name}' is not a valid secret name.", nameof(name));
        }

        var path = Path.Combine(Directory, name);
        return File.Exists(path) ? File.ReadAllText(path).TrimEnd('\r', '\n') : null;
    }

    /// <summary>Where the secret is looked for, for error messages (never the value).</summary>
    public string Describe(string name) => $"environment variable {EnvironmentVariableFor(name)} or file {Path.Combine(Directory, name)}";
}
