using System.Net;
using System.Net.Sockets;

namespace Edge.Worker.Tests.Actions.Support;

/// <summary>Site file sections for a camera, and cameras that misbehave.</summary>
internal static class Cameras
{
    /// <summary>The <c>cameras</c> section with camera <c>hall-ptz</c> at <paramref name="url"/> (user admin).</summary>
    public static string Hall(Uri url, string passwordSecret = "camera-hall") => $"""
        cameras:
          - id: hall-ptz
            url: {url}
            username: admin
            passwordSecret: {passwordSecret}
        """;

    /// <summary>A loopback URL where nothing listens (the port was free a moment ago): connection refused.</summary>
    public static Uri Nowhere()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/onvif/device_service");
    }
}
