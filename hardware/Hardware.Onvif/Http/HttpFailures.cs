using System.Net;
using System.Net.Sockets;
using Hardware.Onvif.Errors;

namespace Hardware.Onvif.Http;

/// <summary>Turns transport failures into the typed, worded errors the installer sees.</summary>
internal static class HttpFailures
{
    public static OnvifConnectionException Connection(HttpRequestException exception, Uri endpoint, string operation)
    {
        SocketError? socketError = (exception.InnerException as SocketException)?.SocketErrorCode;
        string what = socketError switch
        {
            SocketError.ConnectionRefused => $"connection refused: nothing listens on {endpoint.Host}:{endpoint.Port} (camera off, rebooting, or wrong port)",
            SocketError.HostUnreachable or SocketError.NetworkUnreachable => $"{endpoint.Host} is unreachable (wrong address, or another network)",
            SocketError.TimedOut => $"no answer to the connection attempt from {endpoint.Host}:{endpoint.Port}",
            SocketError.ConnectionReset => "the camera closed the connection",
            _ when exception.HttpRequestError == HttpRequestError.NameResolutionError => $"the name {endpoint.Host} does not resolve",
            _ => exception.Message,
        };
        return new OnvifConnectionException($"Cannot reach the camera at {endpoint} ({operation}): {what}.", exception)
        {
            Endpoint = endpoint,
            Operation = operation,
        };
    }

    public static OnvifTimeoutException Timeout(Uri endpoint, string operation, TimeSpan timeout, Exception inner) =>
        new($"The camera at {endpoint} did not answer {operation} within {timeout.TotalSeconds:0.#} s.", inner)
        {
            Endpoint = endpoint,
            Operation = operation,
        };

    public static OnvifHttpException Status(Uri endpoint, string operation, HttpStatusCode status)
    {
        string hint = status switch
        {
            HttpStatusCode.NotFound => "there is no ONVIF service at this URL; the device service is usually http://<camera>/onvif/device_service",
            HttpStatusCode.MethodNotAllowed => "this URL does not accept SOAP requests; is it really the ONVIF device service?",
            HttpStatusCode.Forbidden => "the camera forbids this request (user without the rights for it, or IP filter)",
            _ => "the answer carries no SOAP fault",
        };
        return new OnvifHttpException($"The camera at {endpoint} answered HTTP {(int)status} {status} to {operation}: {hint}.")
        {
            Endpoint = endpoint,
            Operation = operation,
            StatusCode = status,
        };
    }
}
