using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Provisioning.Cli.Commands.Device;

/// <summary>
/// The relay CA's fingerprint as the administrator is shown it with the code: <c>sha256:</c> and the lower-case hex
/// SHA-256 of the certificate's DER bytes (kubeadm's discovery hash). Typed by a person, so upper case and the
/// colon-separated form openssl prints (<c>AB:CD:…</c>) are accepted too.
/// </summary>
internal static class CaFingerprint
{
    public const string Prefix = "sha256:";

    public const string Rule = "sha256: followed by the 64 hexadecimal digits shown with the code (e.g. sha256:3f1c0d5e…)";

    /// <summary>The canonical <c>sha256:hex</c> form of <paramref name="text"/>, or false when it is not a SHA-256 fingerprint.</summary>
    public static bool TryNormalize(string? text, [NotNullWhen(true)] out string? fingerprint)
    {
        fingerprint = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var value = text.Trim();
        if (!value.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var hex = value[Prefix.Length..].Replace(":", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal);
        if (hex.Length != 64 || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        fingerprint = Prefix + hex.ToLowerInvariant();
        return true;
    }

    public static string Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Prefix + Convert.ToHexStringLower(SHA256.HashData(certificate.RawData));
    }
}
