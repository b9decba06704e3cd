namespace Hardware.Onvif.Media;

/// <summary>Which media service a camera is driven with.</summary>
public enum MediaServiceVersion
{
    /// <summary>Media (ver10), which every ONVIF Profile S camera has.</summary>
    Media1,

    /// <summary>Media2 (ver20), Profile T; used when the camera lists it.</summary>
    Media2,
}
