namespace Hardware.Onvif.Errors;

/// <summary>
/// The camera refused our credentials: a <c>ter:NotAuthorized</c> fault to WS-Security, or HTTP 401 to
/// HTTP digest/basic. The message says "wrong user name or password" and, when the camera clock is far
/// from ours or could not be read, says so too, because a camera refuses a correct password whose
/// WS-Security timestamp is outside its tolerance.
/// </summary>
public sealed class OnvifAuthenticationException : OnvifException
{
    public OnvifAuthenticationException()
    {
    }

    public OnvifAuthenticationException(string message)
        : base(message)
    {
    }

    public OnvifAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Camera clock minus ours, as measured at connection, or null when it could not be read.</summary>
    public TimeSpan? ClockOffset { get; init; }

    /// <summary>The user name that was refused (never the password).</summary>
    public string? UserName { get; init; }
}
