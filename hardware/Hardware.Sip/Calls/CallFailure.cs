namespace Hardware.Sip.Calls;

/// <summary>Why a call was <see cref="CallOutcome.Unreachable"/> or <see cref="CallOutcome.Failed"/>.</summary>
public enum CallFailureKind
{
    /// <summary>No response at all before Timer B (64·T1).</summary>
    NoResponse,

    /// <summary>The host name did not resolve.</summary>
    DnsFailure,

    /// <summary>The request could not be sent (TCP refused, network unreachable…).</summary>
    NetworkError,

    /// <summary>A final status code that maps to no other outcome (404, 5xx…).</summary>
    StatusCode,

    /// <summary>The server challenged again after we answered with our credentials: wrong user or password.</summary>
    AuthenticationRejected,

    /// <summary>The server asked for authentication we cannot give (no password, unsupported algorithm or scheme).</summary>
    AuthenticationUnsupported,

    /// <summary>The peer's messages did not make sense (missing headers, unusable SDP…).</summary>
    ProtocolError,

    /// <summary>No common codec (488 or an answer without PCMU/PCMA).</summary>
    NoCommonCodec,
}

/// <summary>The reason behind an unsuccessful outcome, for the alert's event log.</summary>
public sealed record CallFailure(CallFailureKind Kind, string Detail);
