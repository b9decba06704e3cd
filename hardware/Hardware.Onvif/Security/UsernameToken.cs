using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Hardware.Onvif.Soap;

namespace Hardware.Onvif.Security;

/// <summary>
/// WS-Security UsernameToken with PasswordDigest (OASIS UsernameToken Profile 1.0 §3.1, required by ONVIF
/// Core "Authentication"): Base64(SHA1(nonce ‖ created ‖ password)), the nonce taken as its decoded
/// bytes — hashing its Base64 text is the classic mistake (protocols.md §3.2).
/// </summary>
internal static class UsernameToken
{
    public static string ComputePasswordDigest(ReadOnlySpan<byte> nonce, string created, string password)
    {
        byte[] createdBytes = Encoding.UTF8.GetBytes(created);
        byte[] passwordBytes = Encoding.UTF8.GetBytes(password);
        byte[] input = new byte[nonce.Length + createdBytes.Length + passwordBytes.Length];
        nonce.CopyTo(input);
        createdBytes.CopyTo(input, nonce.Length);
        passwordBytes.CopyTo(input, nonce.Length + createdBytes.Length);
#pragma warning disable CA5350 // SHA-1 is what the UsernameToken Profile specifies; it is not our choice.
        return Convert.ToBase64String(SHA1.HashData(input));
#pragma warning restore CA5350
    }

    /// <summary>UTC with milliseconds and a Z, as the Core examples and every camera we know accept.</summary>
    public static string FormatCreated(DateTimeOffset created) =>
        created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The wsse:Security header; <paramref name="created"/> is the camera's time (ours plus the measured offset).</summary>
    public static XElement CreateSecurityHeader(string userName, string password, byte[] nonce, DateTimeOffset created)
    {
        XNamespace wsse = OnvifNamespaces.WsSecurity;
        XNamespace wsu = OnvifNamespaces.WsUtility;
        string createdText = FormatCreated(created);
        return new XElement(
            wsse + "Security",
            new XAttribute(OnvifNamespaces.Soap12 + "mustUnderstand", "1"),
            new XAttribute(XNamespace.Xmlns + "wsse", wsse.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "wsu", wsu.NamespaceName),
            new XElement(
                wsse + "UsernameToken",
                new XElement(wsse + "Username", userName),
                new XElement(wsse + "Password", new XAttribute("Type", OnvifNamespaces.PasswordDigestType), ComputePasswordDigest(nonce, createdText, password)),
                new XElement(wsse + "Nonce", new XAttribute("EncodingType", OnvifNamespaces.Base64BinaryEncoding), Convert.ToBase64String(nonce)),
                new XElement(wsu + "Created", createdText)));
    }
}
