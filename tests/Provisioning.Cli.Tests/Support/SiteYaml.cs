namespace Provisioning.Cli.Tests.Support;

/// <summary>Small valid site files for the commands that read one (wiring, secrets, calls, deploy).</summary>
internal static class SiteYaml
{
    /// <summary>Two buttons (normally-closed on 17, normally-open on 5), a siren (active-low, 22) and a LED (24).</summary>
    public const string Bench = """
        site:
          id: essai
          name: "Mairie d'essai"
        device:
          id: boitier-1
        board:
          driver: virtual
        buttons:
          - id: accueil
            name: "Bouton de l'accueil"
            pin: 17
            wiring: normally-closed
          - id: bureau
            pin: 5
            wiring: normally-open
        outputs:
          - id: sirene
            kind: siren
            pin: 22
            activeLow: true
          - id: led
            kind: led
            pin: 24
        scenarios:
          - id: agression
            name: "Agression"
            trigger: { button: accueil, gesture: single }
            siren: { output: sirene, pattern: steady, durationSeconds: 60 }
          - id: malaise
            name: "Malaise"
            trigger: { button: bureau, gesture: single }
            severity: warning
        """;

    /// <summary>A site with a camera and a phone account, whose passwords are the secrets camera-hall and sip-accueil.</summary>
    /// <param name="message">When given, the scenario also calls the police with this message file.</param>
    public static string WithPhone(string server, string transport = "udp", bool register = false, string? message = null) => $$"""
        site:
          id: essai
          name: "Mairie d'essai"
        device:
          id: boitier-1
        board:
          driver: virtual
        buttons:
          - id: accueil
            pin: 17
        outputs:
          - id: led
            kind: led
            pin: 24
        cameras:
          - id: hall
            url: http://127.0.0.1:9/onvif/device_service
            username: admin
            passwordSecret: camera-hall
        phone:
          server: "{{server}}"
          username: accueil-1
          passwordSecret: sip-accueil
          displayName: "Mairie - accueil"
          transport: {{transport}}
          register: {{(register ? "true" : "false")}}
          contacts:
            - id: police
              name: "Police municipale"
              uri: "sip:police@{{server}}"
        scenarios:
          - id: agression
            name: "Agression"
            trigger: { button: accueil, gesture: single }
        {{(message is null ? string.Empty : $"    call: {{ contacts: [police], message: {message} }}")}}
        """;

    /// <summary>The smallest box for <paramref name="site"/>/<paramref name="device"/>: one button, one LED, one scenario, on the virtual board.</summary>
    public static string Box(string site, string device) => $$"""
        site:
          id: {{site}}
          name: "Mairie d'essai"
        device:
          id: {{device}}
        board:
          driver: virtual
        buttons:
          - id: accueil
            pin: 17
        outputs:
          - id: led
            kind: led
            pin: 24
        scenarios:
          - id: agression
            name: "Agression"
            trigger: { button: accueil, gesture: single }
        """;

    public static string Write(TestFolder folder, string yaml, string name = "site.yaml")
    {
        var path = folder.File(name);
        File.WriteAllText(path, yaml);
        return path;
    }
}
