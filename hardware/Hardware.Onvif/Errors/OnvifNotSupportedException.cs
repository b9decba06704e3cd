namespace Hardware.Onvif.Errors;

/// <summary>The camera lacks a service this call needs: no PTZ service, no media profile with PTZ, no media service.</summary>
public sealed class OnvifNotSupportedException : OnvifException
{
    public OnvifNotSupportedException()
    {
    }

    public OnvifNotSupportedException(string message)
        : base(message)
    {
    }

    public OnvifNotSupportedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
