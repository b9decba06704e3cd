namespace Hardware.Onvif.Media;

/// <summary>A media profile: the token that snapshot, stream and PTZ calls take, and what it is configured with.</summary>
/// <param name="Token">The profile token, e.g. <c>main</c> or <c>Profile_1</c>.</param>
/// <param name="Name">The profile's display name.</param>
/// <param name="VideoEncoding">H264, H265, JPEG… when the profile has a video encoder.</param>
/// <param name="Width">Video width in pixels, if known.</param>
/// <param name="Height">Video height in pixels, if known.</param>
/// <param name="PtzConfigurationToken">The PTZ configuration of the profile; PTZ calls need a profile that has one.</param>
public sealed record MediaProfile(
    string Token,
    string Name,
    string? VideoEncoding,
    int? Width,
    int? Height,
    string? PtzConfigurationToken)
{
    /// <summary>True when PTZ commands can be sent with this profile.</summary>
    public bool HasPtz => PtzConfigurationToken is not null;
}
