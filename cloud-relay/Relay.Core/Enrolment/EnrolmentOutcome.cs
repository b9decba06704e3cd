namespace Relay.Core.Enrolment;

public enum EnrolmentOutcome
{
    Enrolled,

    /// <summary>No such code (mistyped, guessed, or from another relay).</summary>
    UnknownCode,

    /// <summary>The code was already used: codes are single-use.</summary>
    CodeUsed,

    CodeExpired,

    /// <summary>The signing request is missing, malformed, badly signed, or its key is too weak.</summary>
    InvalidRequest,

    /// <summary>The request names another device than the one the code is for.</summary>
    IdentityMismatch,
}

public static class EnrolmentOutcomes
{
    /// <summary>The stable code in API answers and the audit log.</summary>
    public static string Code(this EnrolmentOutcome outcome) => outcome switch
    {
        EnrolmentOutcome.Enrolled => "enrolled",
        EnrolmentOutcome.UnknownCode => "unknown-code",
        EnrolmentOutcome.CodeUsed => "code-used",
        EnrolmentOutcome.CodeExpired => "code-expired",
        EnrolmentOutcome.InvalidRequest => "invalid-csr",
        EnrolmentOutcome.IdentityMismatch => "identity-mismatch",
        _ => outcome.ToString(),
    };
}
