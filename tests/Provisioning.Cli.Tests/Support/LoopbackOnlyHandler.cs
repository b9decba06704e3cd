using System.Net;

namespace Provisioning.Cli.Tests.Support;

/// <summary>Refuses, before any packet leaves, a request to anything but 127.0.0.0/8: tests never reach a real network.</summary>
internal sealed class LoopbackOnlyHandler() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        if (!IPAddress.TryParse(uri.Host, out var address) || !IPAddress.IsLoopback(address))
        {
            throw new InvalidOperationException($"Test traffic must stay on loopback; refused {uri}.");
        }

        return base.SendAsync(request, cancellationToken);
    }
}
