using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Hardware.Onvif.Security;
using Hardware.Onvif.Soap;

namespace Hardware.Onvif.Simulator;

/// <summary>
/// Checks a WS-Security UsernameToken as a strict camera does (ONVIF Core "Authentication": nonce and
/// timestamp both required): user, PasswordDigest, Created within the tolerance of the camera's own
/// clock, nonce not seen before.
/// </summary>
internal sealed class WsSecurityValidator(string userName, string password, TimeSpan tolerance)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seenNonces = new(StringComparer.Ordinal);

    /// <summary>Null when the token is good, else why it is refused (for the logs and tests; never sent to the client).</summary>
    public string? Validate(XElement envelope, DateTimeOffset cameraNow)
    {
        XElement? token = envelope.Child("Header")?.Child("Security")?.Child("UsernameToken");
        if (token is null)
        {
            return "no WS-Security UsernameToken";
        }

        if (!string.Equals(token.ChildText("Username"), userName, StringComparison.Ordinal))
        {
            return $"unknown user '{token.ChildText("Username")}'";
        }

        string? passwordText = token.ChildText("Password");
        string? nonceText = token.ChildText("Nonce");
        string? createdText = token.ChildText("Created");
        if (passwordText is null || nonceText is null || createdText is null)
        {
            return "UsernameToken without password, nonce or created";
        }

        if (!DateTimeOffset.TryParse(createdText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset created))
        {
            return $"Created '{createdText}' is not a date";
        }

        TimeSpan skew = created - cameraNow;
        if (skew.Duration() > tolerance)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"Created {createdText} is {skew.TotalSeconds:0} s from the camera clock {UsernameToken.FormatCreated(cameraNow)} (tolerance {tolerance.TotalSeconds:0} s)");
        }

        byte[] nonce;
        try
        {
            nonce = Convert.FromBase64String(nonceText);
        }
        catch (FormatException)
        {
            return "Nonce is not Base64";
        }

        string passwordType = token.Child("Password")?.AttributeValue("Type") ?? string.Empty;
        string expected = passwordType.EndsWith("#PasswordText", StringComparison.Ordinal)
            ? password
            : UsernameToken.ComputePasswordDigest(nonce, createdText, password);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(passwordText)))
        {
            return "wrong password digest";
        }

        ForgetOldNonces(cameraNow);
        return _seenNonces.TryAdd(nonceText, created) ? null : "nonce replayed";
    }

    private void ForgetOldNonces(DateTimeOffset cameraNow)
    {
        foreach (KeyValuePair<string, DateTimeOffset> entry in _seenNonces)
        {
            if (cameraNow - entry.Value > tolerance * 2)
            {
                _seenNonces.TryRemove(entry.Key, out _);
            }
        }
    }
}
