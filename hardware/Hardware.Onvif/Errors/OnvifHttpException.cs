using System.Net;

namespace Hardware.Onvif.Errors;

/// <summary>
/// The camera answered with an HTTP status that carries no SOAP fault: typically 404 (wrong URL, not an
/// ONVIF device service) or a 5xx from a web server that is not the ONVIF stack.
/// </summary>
public sealed class OnvifHttpException : OnvifException
{
    public OnvifHttpException()
    {
    }

    public OnvifHttpException(string message)
        : base(message)
    {
    }

    public OnvifHttpException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The HTTP status the camera answered.</summary>
    public HttpStatusCode StatusCode { get; init; }
}
