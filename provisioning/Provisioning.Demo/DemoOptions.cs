namespace Provisioning.Demo;

/// <summary>Ports and folders of the demo town. Fixed ports by default so that the README's links work; 0 = any free port.</summary>
public sealed record DemoOptions
{
    public int DashboardPort { get; init; } = 8080;

    public int MqttPort { get; init; } = 1883;

    /// <summary>The relay's MQTT over TLS endpoint, for enrolled boxes (the demo's box uses the plain loopback port).</summary>
    public int MqttTlsPort { get; init; } = 8883;

    public int BoxApiPort { get; init; } = 8081;

    public int CameraPort { get; init; } = 8554;

    public int PhonePort { get; init; } = 5062;

    /// <summary>A SIP peer already listening on this loopback port stands for the town's PBX instead of the virtual
    /// phone line (a sipp callee in tests, say).</summary>
    public int? ExternalPhonePort { get; init; }

    /// <summary>Where the relay's store and the box's outbox live; a fresh temporary folder when null.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The site file the box runs: the example town hall reception by default.</summary>
    public string? SiteFile { get; init; }

    /// <summary>Log level of the four components (Warning keeps the console readable; Information shows every step).</summary>
    public string LogLevel { get; init; } = "Warning";
}
