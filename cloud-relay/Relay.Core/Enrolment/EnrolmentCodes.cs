using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Relay.Core.Enrolment;

/// <summary>
/// One-time enrolment codes: 20 characters of Crockford base32 (100 random bits), shown as five groups of four
/// (<c>7K3D-9QXM-2HFA-WB4T-PC8N</c>) so that an installer can read them over the phone and type them on a box.
/// Typing is forgiving: case, spaces and dashes do not matter, and O/I/L read as 0/1/1.
/// Only a hash is stored. A fast hash is enough here: with 100 random bits there is nothing to brute-force offline,
/// unlike a password.
/// </summary>
public static class EnrolmentCodes
{
    public const int Characters = 20;

    private const int GroupLength = 4;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Generate()
    {
        var code = RandomNumberGenerator.GetString(Alphabet, Characters);
        return string.Join('-', Enumerable.Range(0, Characters / GroupLength).Select(i => code.Substring(i * GroupLength, GroupLength)));
    }

    /// <summary>The canonical form (20 upper-case characters, no separators), or false if it cannot be a code.</summary>
    public static bool TryNormalize(string? typed, [NotNullWhen(true)] out string? normalized)
    {
        normalized = null;
        if (typed is null || typed.Length > 64)
        {
            return false;
        }

        var builder = new StringBuilder(Characters);
        foreach (var c in typed)
        {
            if (c is '-' or ' ')
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c) switch
            {
                'O' => '0',
                'I' or 'L' => '1',
                var other => other,
            };
            if (!Alphabet.Contains(upper, StringComparison.Ordinal))
            {
                return false;
            }

            builder.Append(upper);
        }

        if (builder.Length != Characters)
        {
            return false;
        }

        normalized = builder.ToString();
        return true;
    }

    /// <summary>The stored form: SHA-256 (hex) of the canonical code, with a label so the hash means nothing elsewhere.</summary>
    public static string Hash(string normalized) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("relay-enrolment-code:v1:" + normalized)));
}
