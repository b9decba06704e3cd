namespace Hardware.Sip.Registration;

/// <summary>The outcome of one REGISTER exchange.</summary>
public sealed record RegistrationResult
{
    /// <summary>The state after this exchange.</summary>
    public required RegistrationState State { get; init; }

    /// <summary>Final status code, or null when nothing answered.</summary>
    public int? StatusCode { get; init; }

    /// <summary>Reason phrase or failure description.</summary>
    public string Reason { get; init; } = string.Empty;

    /// <summary>Lifetime the registrar granted (Contact <c>expires</c> or Expires header).</summary>
    public TimeSpan? GrantedExpiry { get; init; }

    /// <summary>The Contact we registered.</summary>
    public string? Contact { get; init; }

    /// <summary>The digest algorithm used, if challenged (<c>MD5</c>, <c>SHA-256</c>).</summary>
    public string? AuthenticationAlgorithm { get; init; }

    /// <summary>When the exchange finished.</summary>
    public DateTimeOffset At { get; init; }

    /// <summary>True when registered.</summary>
    public bool Succeeded => State == RegistrationState.Registered;
}
