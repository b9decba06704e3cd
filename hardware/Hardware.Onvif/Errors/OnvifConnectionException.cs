namespace Hardware.Onvif.Errors;

/// <summary>The camera could not be reached at all: connection refused, no route, unknown host, connection reset.</summary>
public sealed class OnvifConnectionException : OnvifException
{
    public OnvifConnectionException()
    {
    }

    public OnvifConnectionException(string message)
        : base(message)
    {
    }

    public OnvifConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
