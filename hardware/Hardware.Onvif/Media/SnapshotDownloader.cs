using System.Net;
using Hardware.Onvif.Errors;
using Hardware.Onvif.Security;
using Hardware.Onvif.Http;
using Microsoft.Extensions.Logging;

namespace Hardware.Onvif.Media;

/// <summary>
/// Downloads a snapshot URI with HTTP digest or basic (ONVIF Core: HTTP methods "shall use digest
/// authentication"; some cameras want basic or nothing). It has its own authenticator, so that a camera
/// whose snapshot CGI wants digest does not switch its SOAP calls away from WS-Security.
/// </summary>
internal sealed class SnapshotDownloader(
    HttpMessageInvoker http,
    HttpAuthenticator authenticator,
    CameraClock clock,
    string? userName,
    TimeSpan requestTimeout,
    TimeProvider timeProvider,
    ILogger logger)
{
    private const string Operation = "snapshot download";

    public async Task<CameraSnapshot> DownloadAsync(Uri uri, CancellationToken cancellationToken)
    {
        HttpAnswer answer = await HttpExchange.SendAsync(
            http, authenticator, uri, _ => new HttpRequestMessage(HttpMethod.Get, uri), Operation, requestTimeout, timeProvider, cancellationToken).ConfigureAwait(false);
        (HttpStatusCode status, byte[] bytes, string? contentType) = (answer.Status, answer.Body, answer.MediaType);

        if (status == HttpStatusCode.Unauthorized)
        {
            throw AuthenticationFailure.Create(uri, Operation, userName, clock, viaHttp: true);
        }

        if (status != HttpStatusCode.OK)
        {
            throw HttpFailures.Status(uri, Operation, status);
        }

        if (bytes.Length < 4 || bytes[0] != 0xFF || bytes[1] != 0xD8)
        {
            throw new OnvifProtocolException(
                $"The snapshot at {uri} is not a JPEG image (Content-Type {contentType ?? "none"}, {bytes.Length} bytes).")
            {
                Endpoint = uri,
                Operation = Operation,
            };
        }

        logger.LogDebug("Snapshot of {Length} bytes from {Uri}", bytes.Length, uri);
        return new CameraSnapshot(bytes, uri, timeProvider.GetUtcNow(), contentType);
    }
}
