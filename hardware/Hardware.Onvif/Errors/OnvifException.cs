namespace Hardware.Onvif.Errors;

/// <summary>
/// Base of every error this library raises on purpose. Its message is written for the person who
/// installs the camera: it says what went wrong, where, and what to check.
/// </summary>
public class OnvifException : Exception
{
    public OnvifException()
    {
    }

    public OnvifException(string message)
        : base(message)
    {
    }

    public OnvifException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The URL the failing request went to, when there was one.</summary>
    public Uri? Endpoint { get; init; }

    /// <summary>The ONVIF operation (e.g. <c>GotoPreset</c>) or HTTP action that failed, when known.</summary>
    public string? Operation { get; init; }
}
