namespace Hardware.Onvif.Errors;

/// <summary>
/// The camera answered something we cannot use: not XML, not SOAP, or missing what the ONVIF
/// specification says must be there (e.g. a GetSnapshotUri answer without a URI).
/// </summary>
public sealed class OnvifProtocolException : OnvifException
{
    public OnvifProtocolException()
    {
    }

    public OnvifProtocolException(string message)
        : base(message)
    {
    }

    public OnvifProtocolException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
