namespace Benchmarks.Measurement;

/// <summary>Site files for the measurements: one panic button, one siren, nothing slow.</summary>
internal static class BenchSites
{
    public const string Site = "bench-site";
    public const string Device = "box-1";
    public const string Button = "panic";
    public const int SirenPin = 23;

    public static string Write(string directory, string extraYaml = "", string scenarioExtra = "")
    {
        var path = Path.Combine(directory, "site.yaml");
        File.WriteAllText(path, $$"""
            site: { id: {{Site}}, name: "Benchmark site" }
            device: { id: {{Device}} }
            board: { driver: virtual }
            buttons:
              - { id: {{Button}}, pin: 17, wiring: normally-open, debounceMs: 5 }
            outputs:
              - { id: siren, kind: siren, pin: {{SirenPin}} }
            {{extraYaml}}
            scenarios:
              - id: panic
                name: "Panic"
                trigger: { button: {{Button}}, gesture: single }
                siren: { output: siren, pattern: steady, durationSeconds: 60 }
            {{scenarioExtra}}
            """);
        return path;
    }
}
