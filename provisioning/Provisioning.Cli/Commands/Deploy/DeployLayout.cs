namespace Provisioning.Cli.Commands.Deploy;

/// <summary>
/// Where the box lives once installed, as its systemd unit (edge/Edge.Worker/deploy/panic-edge.service) expects:
/// build in /opt/panic-edge, site file and secrets in /etc/panic-edge, data in /var/lib/panic-edge.
/// </summary>
internal sealed class DeployLayout(string root)
{
    public const string ServiceUser = "panic-edge";

    public const string GpioGroup = "gpio";

    public const string UnitName = "panic-edge";

    /// <summary>The executable the unit starts (ExecStart=/opt/panic-edge/Edge.Worker …).</summary>
    public const string Executable = "Edge.Worker";

    /// <summary>The unit, where the build carries it (Edge.Worker.csproj copies deploy/** to the output).</summary>
    public const string UnitInBuild = "deploy/panic-edge.service";

    /// <summary>"/" for the box itself, or a folder that stands for it (--target-root).</summary>
    public string Root { get; } = root;

    public string Application => Under("/opt/panic-edge");

    public string ApplicationNew => Under("/opt/panic-edge.new");

    public string ApplicationOld => Under("/opt/panic-edge.old");

    public string Configuration => Under("/etc/panic-edge");

    public string SiteFile => Under("/etc/panic-edge/site.yaml");

    public string Secrets => Under("/etc/panic-edge/secrets");

    /// <summary>The box's key and certificates, written by <c>device enroll</c>.</summary>
    public string Tls => Under("/etc/panic-edge/tls");

    public string Data => Under("/var/lib/panic-edge");

    public string Unit => Under("/etc/systemd/system/panic-edge.service");

    /// <summary>A path of the box, under the target root.</summary>
    public string Under(string absolute) =>
        Root == "/" ? absolute : Path.Join(Path.TrimEndingDirectorySeparator(Root), absolute);
}
