namespace Provisioning.Demo;

/// <summary>The box's secrets as on a real box: one file each, in an owner-only folder, read by its SecretStore.</summary>
internal sealed class SecretsFolder
{
    private SecretsFolder(string path) => Path = path;

    public string Path { get; }

    public static SecretsFolder Create(string path)
    {
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return new SecretsFolder(path);
    }

    public void Write(string name, string value)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, value);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
