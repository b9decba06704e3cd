using Edge.Worker.Actions;
using Edge.Worker.Tests.Hosting;

namespace Edge.Worker.Tests.Actions.Support;

/// <summary>
/// A site file written for one test in a temp folder, with its secrets folder (the box reads one file per secret,
/// so parallel tests never share an environment variable) and its message files. Button <c>comptoir</c> raises
/// scenario <c>agression</c> (siren on BCM 23), button <c>pedale</c> the silent <c>silencieuse</c>.
/// </summary>
internal sealed class TestSite : IDisposable
{
    public TestSite()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("edge-actions-").FullName;
        SecretsDirectory = System.IO.Directory.CreateDirectory(Path.Combine(Directory, "secrets")).FullName;
    }

    public string Directory { get; }

    public string SecretsDirectory { get; }

    public string SiteFile => Path.Combine(Directory, "site.yaml");

    public void AddSecret(string name, string value) => File.WriteAllText(Path.Combine(SecretsDirectory, name), value + "\n");

    /// <summary>A 1 s message at <paramref name="relativePath"/> (8 kHz mono 16-bit unless told otherwise).</summary>
    public string AddMessage(string relativePath = "messages/alerte.wav", int sampleRate = 8000, short channels = 1)
    {
        TestWav.WriteTone(Path.Combine(Directory, relativePath), sampleRate: sampleRate, channels: channels);
        return relativePath;
    }

    /// <summary>Writes the site file: <paramref name="sections"/> (cameras, phone) go before the scenarios; the
    /// scenario lines (written unindented) go under each scenario, e.g. <c>camera: { camera: hall, snapshots: 3 }</c>.</summary>
    public void Write(string sections = "", string agression = "", string silencieuse = "")
    {
        var yaml = $$"""
            site:
              id: mairie-test
              name: "Mairie de test"
            device:
              id: accueil-1
            board:
              driver: virtual
            buttons:
              - id: comptoir
                pin: 17
                wiring: normally-closed
              - id: pedale
                pin: 27
            outputs:
              - id: sirene
                kind: siren
                pin: 23
                activeLow: true
            {{sections}}
            scenarios:
              - id: agression
                name: "Agression"
                trigger: { button: comptoir, gesture: single }
                siren: { output: sirene, pattern: steady, durationSeconds: 180 }
            {{Indent(agression, 4)}}
              - id: silencieuse
                name: "Alarme silencieuse"
                trigger: { button: pedale, gesture: single }
                silent: true
            {{Indent(silencieuse, 4)}}
            """;
        File.WriteAllText(SiteFile, yaml);
    }

    /// <summary>The box on this site, with the camera and call actions wired in.</summary>
    public Task<RunningEdge> StartAsync() =>
        RunningEdge.StartAsync(SiteFile, secretsDirectory: SecretsDirectory, services: s => s.AddCameraAction().AddCallAction());

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string Indent(string lines, int spaces) =>
        string.Join('\n', lines.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => new string(' ', spaces) + l.TrimEnd()));
}
