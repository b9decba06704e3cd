using Hardware.Onvif;

namespace Provisioning.Cli.Commands.Camera;

/// <summary>A connected camera and the client that owns its connections.</summary>
internal sealed class CameraSession(CameraClient client, OnvifCamera camera) : IDisposable
{
    public OnvifCamera Camera { get; } = camera;

    public void Dispose() => client.Dispose();
}
