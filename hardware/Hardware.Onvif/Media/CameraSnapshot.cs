namespace Hardware.Onvif.Media;

/// <summary>One JPEG image taken from the camera.</summary>
/// <param name="Jpeg">The image bytes, starting with the JPEG SOI marker FF D8.</param>
/// <param name="SourceUri">The URL it was downloaded from (after host rewrite).</param>
/// <param name="TakenAt">Our clock (not the camera's) when the download completed.</param>
/// <param name="ContentType">The Content-Type the camera declared, if any.</param>
public sealed record CameraSnapshot(ReadOnlyMemory<byte> Jpeg, Uri SourceUri, DateTimeOffset TakenAt, string? ContentType);
