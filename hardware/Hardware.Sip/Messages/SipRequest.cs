namespace Hardware.Sip.Messages;

/// <summary>A SIP request.</summary>
internal sealed class SipRequest : SipMessage
{
    /// <summary>Creates a request.</summary>
    public SipRequest(string method, SipUri uri, SipHeaders? headers = null, byte[]? body = null)
        : base(headers ?? new SipHeaders(), body ?? [])
    {
        Method = method.ToUpperInvariant();
        Uri = uri;
    }

    /// <summary>The method (upper case).</summary>
    public string Method { get; }

    /// <summary>The Request-URI.</summary>
    public SipUri Uri { get; set; }

    /// <inheritdoc />
    protected override string StartLine => $"{Method} {Uri} SIP/2.0";
}
