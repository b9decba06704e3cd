namespace Hardware.Onvif.Ptz;

/// <summary>A PTZ preset. Tokens are vendor strings (<c>P001</c>, <c>1</c>, <c>Home</c>): never assume numbers.</summary>
/// <param name="Token">What GotoPreset takes.</param>
/// <param name="Name">The name the installer gave it; several presets may share one.</param>
/// <param name="Position">The stored position, when the camera reports it.</param>
public sealed record PtzPreset(string Token, string Name, PtzPosition? Position);
