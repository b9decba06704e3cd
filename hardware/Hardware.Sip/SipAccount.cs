using System.Net;
using Hardware.Sip.Messages;
using Hardware.Sip.Transport;

namespace Hardware.Sip;

/// <summary>
/// Who the box is on the SIP network: identity, credentials, where the registrar and outbound proxy
/// are, and which local address and transport to use. Without <see cref="Registrar"/> the phone can
/// still place direct calls to a URI.
/// </summary>
public sealed record SipAccount
{
    /// <summary>User part of our address of record, e.g. <c>panic1</c>.</summary>
    public required string UserName { get; init; }

    /// <summary>Digest password (never logged). Null when the server does not challenge.</summary>
    public string? Password { get; init; }

    /// <summary>Digest user name when it differs from <see cref="UserName"/>.</summary>
    public string? AuthUserName { get; init; }

    /// <summary>Display name put in From, e.g. <c>Mairie - accueil</c>.</summary>
    public string? DisplayName { get; init; }

    /// <summary>
    /// The registrar / domain, e.g. <c>sip:pbx.example</c> or <c>sip:127.0.0.1:5062;transport=tcp</c>.
    /// Its host is the domain of our address of record.
    /// </summary>
    public SipUri? Registrar { get; init; }

    /// <summary>An outbound proxy every request goes through (loose routing, <c>;lr</c> added), or null.</summary>
    public SipUri? OutboundProxy { get; init; }

    /// <summary>Default transport when a URI does not say (<c>;transport=</c>).</summary>
    public SipTransportProtocol Transport { get; init; } = SipTransportProtocol.Udp;

    /// <summary>Local address and port to bind SIP to; port 0 picks a free one. RTP binds on the same address.</summary>
    public IPEndPoint LocalEndPoint { get; init; } = new(IPAddress.Any, 0);

    /// <summary>Registration lifetime we ask for (the registrar may grant less or more).</summary>
    public TimeSpan RegistrationExpiry { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>The user name used in digest responses.</summary>
    public string EffectiveAuthUserName => AuthUserName ?? UserName;

    internal SipUri AddressOfRecord(string fallbackHost) =>
        new("sip", UserName, Registrar?.Host ?? fallbackHost, Registrar is null ? null : Registrar.Port);
}
