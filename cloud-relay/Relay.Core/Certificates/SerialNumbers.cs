using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Relay.Core.Certificates;

/// <summary>
/// Serial numbers: 16 random bytes (CA/Browser Forum asks for at least 64 random bits), positive, with no leading zero
/// byte so that the DER integer is exactly these bytes. Written as upper-case hex, big-endian: the form openssl and
/// mosquitto's logs show, and the key of the revocation list.
/// </summary>
public static class SerialNumbers
{
    public static byte[] New()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x40);
        return serial;
    }

    public static string Of(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return Convert.ToHexString(certificate.SerialNumberBytes.Span);
    }
}
