using System.Globalization;

namespace Hardware.Sip.Messages;

/// <summary>A SIP response.</summary>
internal sealed class SipResponse : SipMessage
{
    /// <summary>Creates a response.</summary>
    public SipResponse(int statusCode, string reason, SipHeaders? headers = null, byte[]? body = null)
        : base(headers ?? new SipHeaders(), body ?? [])
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    /// <summary>The status code.</summary>
    public int StatusCode { get; }

    /// <summary>The reason phrase.</summary>
    public string Reason { get; }

    /// <summary>True for 1xx.</summary>
    public bool IsProvisional => StatusCode is >= 100 and < 200;

    /// <summary>True for 2xx.</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <inheritdoc />
    protected override string StartLine => "SIP/2.0 " + StatusCode.ToString(CultureInfo.InvariantCulture) + " " + Reason;

    /// <summary>
    /// Builds a response to a request as a UAS does (§8.2.6.2): Via, From, Call-ID and CSeq copied,
    /// To copied with our tag added when the request had none.
    /// </summary>
    public static SipResponse For(SipRequest request, int statusCode, string reason, string? toTag = null)
    {
        var headers = new SipHeaders();
        foreach (var via in request.Headers.GetAll("Via"))
        {
            headers.Add("Via", via);
        }
        headers.Add("From", request.Headers.Get("From") ?? string.Empty);
        var to = request.To;
        if (to.Tag is null && toTag is not null && statusCode != 100)
        {
            to = to.WithParameter("tag", toTag);
        }
        headers.Add("To", to.ToString());
        headers.Add("Call-ID", request.CallId);
        headers.Add("CSeq", request.Headers.Get("CSeq") ?? string.Empty);
        return new SipResponse(statusCode, reason, headers);
    }
}
