namespace Provisioning.Demo;

/// <summary>
/// The site file the demo's box runs: the example town hall reception (shipped with the box), pointed at the demo's
/// virtual camera and phone line. Written into the demo's folder with the spoken messages it names.
/// </summary>
internal static class DemoSite
{
    private const string ExampleCamera = "127.0.0.1:8554";
    private const string ExamplePhone = "127.0.0.1:5062";

    public static string Prepare(string? siteFile, string dataDirectory, Uri camera, int phonePort)
    {
        var source = siteFile ?? Path.Combine(AppContext.BaseDirectory, "sites", "mairie-accueil.yaml");
        var yaml = File.ReadAllText(source)
            .Replace(ExampleCamera, $"127.0.0.1:{camera.Port}", StringComparison.Ordinal)
            .Replace(ExamplePhone, $"127.0.0.1:{phonePort}", StringComparison.Ordinal);

        var target = Path.Combine(dataDirectory, "site.yaml");
        File.WriteAllText(target, yaml);
        var messages = Path.Combine(Path.GetDirectoryName(source)!, "messages");
        if (Directory.Exists(messages))
        {
            var copy = Directory.CreateDirectory(Path.Combine(dataDirectory, "messages")).FullName;
            foreach (var wav in Directory.GetFiles(messages, "*.wav"))
            {
                File.Copy(wav, Path.Combine(copy, Path.GetFileName(wav)), overwrite: true);
            }
        }

        return target;
    }
}
