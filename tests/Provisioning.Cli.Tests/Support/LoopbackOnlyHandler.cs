using System.Net;

namespace Provisioning.Cli.Tests.Support;

/// <summary>Refuses, before any packet leaves, a request to anything but 127.0.0.0/8: tests never reach a real network.</summary>
internal sealed class LoopbackOnlyHandler : DelegatingHandler
{
    private readonly Action<HttpRequestMessage>? _record;

    public LoopbackOnlyHandler()
        : base(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
    }

    /// <summary>Around a handler the command built itself (its own TLS checks); <paramref name="record"/> sees every request let through.</summary>
    public LoopbackOnlyHandler(HttpMessageHandler inner, Action<HttpRequestMessage>? record = null)
        : base(inner)
    {
        _record = record;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        if (!IPAddress.TryParse(uri.Host, out var address) || !IPAddress.IsLoopback(address))
        {
            throw new InvalidOperationException($"Test traffic must stay on loopback; refused {uri}.");
        }

        _record?.Invoke(request);
        return base.SendAsync(request, cancellationToken);
    }
}
