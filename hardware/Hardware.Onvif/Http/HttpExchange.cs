using System.Net;
using Hardware.Onvif.Security;

namespace Hardware.Onvif.Http;

/// <summary>What came back from one HTTP exchange, read whole.</summary>
internal sealed record HttpAnswer(HttpStatusCode Status, byte[] Body, string? MediaType, string? Charset);

/// <summary>
/// One HTTP exchange with the camera — authenticated, bounded by the request timeout, read whole — with
/// transport failures turned into the typed errors of <see cref="HttpFailures"/>. Cancelling the caller's
/// token stays an <see cref="OperationCanceledException"/>; only our own timeout becomes an OnvifTimeoutException.
/// </summary>
internal static class HttpExchange
{
    public static async Task<HttpAnswer> SendAsync(
        HttpMessageInvoker http,
        HttpAuthenticator authenticator,
        Uri uri,
        Func<bool, HttpRequestMessage> createRequest,
        string operation,
        TimeSpan timeout,
        TimeProvider timeProvider,
        CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            using HttpResponseMessage response = await authenticator.SendAsync(http, uri, createRequest, linked.Token).ConfigureAwait(false);
            byte[] body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            return new HttpAnswer(response.StatusCode, body, response.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentType?.CharSet);
        }
        catch (OperationCanceledException exception) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw HttpFailures.Timeout(uri, operation, timeout, exception);
        }
        catch (HttpRequestException exception)
        {
            throw HttpFailures.Connection(exception, uri, operation);
        }
    }
}
