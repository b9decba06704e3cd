using System.Net;
using System.Net.Sockets;
using Hardware.Sip.Messages;

namespace Hardware.Sip.Transport;

/// <summary>A name that did not resolve to an address.</summary>
internal sealed class SipResolutionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SipResolutionException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SipResolutionException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public SipResolutionException(string message)
        : base(message)
    {
    }
}

/// <summary>
/// Turns a URI into a transport destination (RFC 3263 simplified: the <c>transport</c> parameter or our
/// default, A/AAAA records, the URI port or 5060; no NAPTR/SRV lookups).
/// </summary>
internal static class SipResolver
{
    public static async Task<SipEndPoint> ResolveAsync(SipUri uri, SipTransportProtocol defaultProtocol, CancellationToken cancellationToken)
    {
        var protocol = uri.Transport switch
        {
            "tcp" => SipTransportProtocol.Tcp,
            "udp" => SipTransportProtocol.Udp,
            _ => defaultProtocol,
        };
        var host = uri.Host.Trim('[', ']');
        if (!IPAddress.TryParse(host, out var address))
        {
            IPAddress[] addresses;
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException ex)
            {
                throw new SipResolutionException($"Cannot resolve '{host}': {ex.Message}", ex);
            }
            address = addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork)
                ?? addresses.FirstOrDefault()
                ?? throw new SipResolutionException($"'{host}' has no address.");
        }
        return new SipEndPoint(protocol, new IPEndPoint(address, uri.Port ?? 5060));
    }
}
