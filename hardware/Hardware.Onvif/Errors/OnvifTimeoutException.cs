namespace Hardware.Onvif.Errors;

/// <summary>The camera accepted the connection (or did not refuse it) but did not answer in time.</summary>
public sealed class OnvifTimeoutException : OnvifException
{
    public OnvifTimeoutException()
    {
    }

    public OnvifTimeoutException(string message)
        : base(message)
    {
    }

    public OnvifTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
