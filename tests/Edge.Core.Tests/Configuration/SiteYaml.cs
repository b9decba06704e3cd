namespace Edge.Core.Tests.Configuration;

/// <summary>A minimal valid site file, and ways to break it one line at a time.</summary>
internal static class SiteYaml
{
    public const string Valid = """
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
          - id: voyant
            kind: led
            pin: 25
        scenarios:
          - id: agression
            name: "Agression"
            trigger: { button: comptoir, gesture: single }
            siren: { output: sirene, pattern: pulsed, onMs: 500, offMs: 500, durationSeconds: 180 }
            cancel: { gesture: long, holdMs: 5000, withinSeconds: 30 }
          - id: silencieuse
            name: "Alarme silencieuse"
            trigger: { button: pedale, gesture: single }
            silent: true
        """;

    /// <summary>Replaces the first occurrence of <paramref name="from"/>; fails loudly if it is not there.</summary>
    public static string With(string from, string to) =>
        Valid.Contains(from, StringComparison.Ordinal) ? Valid.Replace(from, to, StringComparison.Ordinal) : throw new ArgumentException($"'{from}' not in the valid file");
}
