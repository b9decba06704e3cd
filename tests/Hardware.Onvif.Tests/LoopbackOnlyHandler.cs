using System.Net;

namespace Hardware.Onvif.Tests;

/// <summary>
/// Refuses, before any packet leaves, a request to anything but 127.0.0.0/8: the virtual camera's foreign
/// "LAN address" must only ever be text, and a rewrite bug must fail a test, not reach a real network.
/// </summary>
internal sealed class LoopbackOnlyHandler() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Uri uri = request.RequestUri!;
        if (!IPAddress.TryParse(uri.Host, out IPAddress? address) || !IPAddress.IsLoopback(address))
        {
            throw new InvalidOperationException($"Test traffic must stay on loopback; refused {uri}.");
        }

        return base.SendAsync(request, cancellationToken);
    }
}
