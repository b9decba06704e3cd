namespace Edge.Core.Configuration.Model;

public sealed record CameraConfig : ConfigNode
{
    public required string Id { get; init; }

    public string? Name { get; init; }

    /// <summary>The ONVIF device service URL, e.g. http://192.0.2.10/onvif/device_service.</summary>
    public required Uri Url { get; init; }

    public string? Username { get; init; }

    /// <summary>The name of the secret holding the password (never the password itself: the site file is shared).</summary>
    public string? PasswordSecret { get; init; }

    /// <summary>The media profile token to use; the first profile with PTZ if absent.</summary>
    public string? Profile { get; init; }
}
