namespace Relay.Core.Accounts;

/// <summary>
/// Login names: lower-case letters, digits, '.', '_' and '-', 1 to 64 characters, starting with a letter or digit.
/// Narrow on purpose: the name travels in commands to the boxes (<c>issuedBy</c>), in the audit log and in log lines.
/// </summary>
public static class UserNames
{
    public const int MaxLength = 64;

    public const string Rule = "lower-case letters, digits, '.', '_' and '-', 1 to 64 characters, starting with a letter or digit";

    /// <summary>The actor of what the relay does by itself (retention purges).</summary>
    public const string System = "system";

    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxLength || !char.IsAsciiLetterLower(name[0]) && !char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '.' or '_' or '-'))
            {
                return false;
            }
        }

        return name != System;
    }
}
