namespace Relay.Web.Accounts;

/// <summary>What a person's password must be. Length over composition rules (NIST SP 800-63B).</summary>
public static class PasswordRules
{
    public const int MinimumLength = 12;

    public const int MaximumLength = 256;

    /// <summary>Null when acceptable, else the reason, worded for the person choosing it.</summary>
    public static string? Check(string? password) => password switch
    {
        null or { Length: < MinimumLength } => $"The password must be at least {MinimumLength} characters.",
        { Length: > MaximumLength } => $"The password must be at most {MaximumLength} characters.",
        _ when string.IsNullOrWhiteSpace(password) => "The password must not be only spaces.",
        _ => null,
    };
}
