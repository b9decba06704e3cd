namespace Hardware.Onvif.Ptz;

/// <summary>
/// A position in the generic spaces (ONVIF PTZ §5.7): pan and tilt from −1 to 1, zoom from 0 (wide) to 1
/// (tele). A null axis is left as it is.
/// </summary>
public sealed record PtzPosition(double? Pan, double? Tilt, double? Zoom);
