namespace Hardware.Onvif.Errors;

/// <summary>
/// The camera answered a SOAP fault (ONVIF Core §5.11), e.g. <c>Sender / InvalidArgVal</c> for an unknown
/// preset token or <c>Receiver / ActionNotSupported</c> for an operation it does not implement.
/// Authentication faults are raised as <see cref="OnvifAuthenticationException"/> instead.
/// </summary>
public sealed class OnvifFaultException : OnvifException
{
    public OnvifFaultException()
    {
    }

    public OnvifFaultException(string message)
        : base(message)
    {
    }

    public OnvifFaultException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The SOAP fault code, without prefix: <c>Sender</c> or <c>Receiver</c> (SOAP 1.2).</summary>
    public string Code { get; init; } = string.Empty;

    /// <summary>The ONVIF subcodes without prefix, outermost first, e.g. <c>["InvalidArgVal", "NoProfile"]</c>.</summary>
    public IReadOnlyList<string> Subcodes { get; init; } = [];

    /// <summary>The reason text the camera gave, if any.</summary>
    public string? Reason { get; init; }

    /// <summary>True when one of the subcodes is <paramref name="subcode"/> (case-insensitive, without prefix).</summary>
    public bool HasSubcode(string subcode) => Subcodes.Any(s => string.Equals(s, subcode, StringComparison.OrdinalIgnoreCase));
}
