namespace Edge.Contracts.Topics;

/// <summary>
/// Site, device, button and scenario identifiers: lower-case ASCII letters, digits and dashes, 1 to 63 characters,
/// starting with a letter or digit. They are used as MQTT topic levels, so they must never contain '/', '+' or '#'.
/// </summary>
public static class Identifiers
{
    public const int MaxLength = 63;

    public const string Rule = "lower-case letters, digits and '-', 1 to 63 characters, starting with a letter or digit";

    public static bool IsValid(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || value[0] == '-')
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!(c is >= 'a' and <= 'z' or >= '0' and <= '9' or '-'))
            {
                return false;
            }
        }

        return true;
    }

    public static void EnsureValid(string value, string paramName)
    {
        if (!IsValid(value))
        {
            throw new ArgumentException($"'{value}' is not a valid identifier: {Rule}.", paramName);
        }
    }
}
