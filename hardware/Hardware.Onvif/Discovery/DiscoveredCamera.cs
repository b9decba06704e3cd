using System.Net;

namespace Hardware.Onvif.Discovery;

/// <summary>A device that answered a WS-Discovery Probe.</summary>
/// <param name="EndpointReference">Its stable identity (<c>urn:uuid:…</c>), the same across reboots and address changes.</param>
/// <param name="XAddrs">Its device service URLs; pass one to <see cref="OnvifClient.ConnectAsync(Uri, NetworkCredential?, CancellationToken)"/>.</param>
/// <param name="Types">Its types, e.g. <c>dn:NetworkVideoTransmitter tds:Device</c>.</param>
/// <param name="Scopes">Its scope URIs as sent.</param>
/// <param name="Name">The <c>onvif://www.onvif.org/name/…</c> scope, unescaped.</param>
/// <param name="Hardware">The <c>onvif://www.onvif.org/hardware/…</c> scope (usually the model).</param>
/// <param name="Location">The <c>onvif://www.onvif.org/location/…</c> scope, null when empty.</param>
/// <param name="RespondedFrom">The address and port the answer came from.</param>
public sealed record DiscoveredCamera(
    string EndpointReference,
    IReadOnlyList<Uri> XAddrs,
    IReadOnlyList<string> Types,
    IReadOnlyList<string> Scopes,
    string? Name,
    string? Hardware,
    string? Location,
    IPEndPoint RespondedFrom);
