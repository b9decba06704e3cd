using Provisioning.Cli.Commands.Site.Templates;

namespace Provisioning.Cli.Commands.Site;

/// <summary>Everything 'site init' needs to write a site file, gathered from flags and prompts.</summary>
internal sealed record SiteDraft
{
    public required string SiteId { get; init; }

    public required string SiteName { get; init; }

    public string? Address { get; init; }

    public required string DeviceId { get; init; }

    public string? DeviceName { get; init; }

    /// <summary>virtual, libgpiod, libgpiod-v2 or raspberry-pi: the site file's words.</summary>
    public required string Driver { get; init; }

    public int Chip { get; init; }

    public required IReadOnlyList<ScenarioTemplate> Templates { get; init; }

    public CameraDraft? Camera { get; init; }

    /// <summary>Written in the header comment, from the injected clock.</summary>
    public required DateOnly GeneratedOn { get; init; }
}

/// <summary>The site's camera, when the installer knows it already.</summary>
/// <param name="Url">Its ONVIF device service URL.</param>
/// <param name="UserName">The ONVIF user; the password goes to a secret, never into the file.</param>
/// <param name="Preset">The PTZ preset that shows the reception desk; null for a fixed camera.</param>
internal sealed record CameraDraft(Uri Url, string? UserName, string? Preset)
{
    public const string Id = "camera-accueil";

    /// <summary>The name of the secret the box reads the camera password from.</summary>
    public const string PasswordSecret = "camera-accueil";
}
