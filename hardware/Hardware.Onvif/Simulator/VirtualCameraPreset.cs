using Hardware.Onvif.Ptz;

namespace Hardware.Onvif.Simulator;

/// <summary>A preset of the virtual camera.</summary>
/// <param name="Token">Its token.</param>
/// <param name="Name">Its name.</param>
/// <param name="Position">Where it points; null keeps the camera where it is when going there.</param>
public sealed record VirtualCameraPreset(string Token, string Name, PtzPosition? Position = null);
