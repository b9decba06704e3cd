using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Relay.Core.Devices;

/// <summary>
/// Device passwords at rest: PBKDF2-HMAC-SHA256 with a random salt, encoded as
/// <c>pbkdf2-sha256${iterations}${salt}${hash}</c> so that the cost can be raised later without invalidating
/// stored hashes.
/// </summary>
public static class PasswordHasher
{
    /// <summary>
    /// Above the 100k floor; below OWASP's 600k because every box reconnecting after a relay restart costs one
    /// derivation each, and a few hundred of them must not stall the broker for minutes.
    /// </summary>
    public const int Iterations = 210_000;

    public const int MinimumIterations = 100_000;

    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const int MaximumIterations = 10_000_000;

    public static string Hash(string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, Iterations, HashBytes);
        return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture),
            Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>Constant-time in the length of the hash; false for a malformed stored value, never an exception.</summary>
    public static bool Verify(string? password, string encoded)
    {
        if (string.IsNullOrEmpty(password) || !TryDecode(encoded, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        var actual = Derive(password, salt, iterations, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>A strong password for a new device: 192 random bits, URL-safe so it survives shells and config files.</summary>
    public static string GeneratePassword() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));

    private static byte[] Derive(string password, byte[] salt, int iterations, int length) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, length);

    private static bool TryDecode(string encoded, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = [];
        hash = [];
        var parts = encoded.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme ||
            !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) ||
            iterations < MinimumIterations || iterations > MaximumIterations)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length >= SaltBytes && hash.Length >= HashBytes;
    }
}
