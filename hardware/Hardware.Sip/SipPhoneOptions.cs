using Hardware.Sip.Transactions;

namespace Hardware.Sip;

/// <summary>Tuning of the user agent; the defaults follow RFC 3261.</summary>
public sealed record SipPhoneOptions
{
    /// <summary>Transaction timers (T1, T2, T4).</summary>
    public SipTimers Timers { get; init; } = new();

    /// <summary>User-Agent header value.</summary>
    public string UserAgent { get; init; } = "PanicEdge-SIP/1.0";

    /// <summary>Refresh a registration at this fraction of the granted lifetime (RFC 3261 §10.2.4 leaves it to us).</summary>
    public double RegistrationRefreshRatio { get; init; } = 0.8;

    /// <summary>After a failed registration or refresh, try again after this delay.</summary>
    public TimeSpan RegistrationRetryInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Cap on authentication rounds for one request (stale nonces included), so a broken server cannot loop us.</summary>
    public int MaxAuthenticationAttempts { get; init; } = 4;
}
