using System.ComponentModel.DataAnnotations;

namespace Edge.Worker.Hosting;

/// <summary>The box's own settings (section <c>Edge</c>): where things are. What is wired and what presses do is in the site file.</summary>
public sealed class EdgeOptions
{
    public const string Section = "Edge";

    /// <summary>The site file (YAML). Relative paths are relative to the content root. Default: the example site.</summary>
    [Required]
    public string SiteFile { get; set; } = "sites/mairie-accueil.yaml";

    /// <summary>Where the outbox lives. On a device: /var/lib/panic-edge. Default: ./data.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Where secrets named in the site file are read from (one file per secret, owner-only).</summary>
    public string SecretsDirectory { get; set; } = "/etc/panic-edge/secrets";

    /// <summary>Demo (default) or Production: see <see cref="EdgeStartupRules"/>.</summary>
    public EdgeMode Mode { get; set; } = EdgeMode.Demo;

    /// <summary>The local API for installers: loopback only. Default http://127.0.0.1:8081.</summary>
    [Required]
    public string LocalApiUrl { get; set; } = "http://127.0.0.1:8081";
}
