namespace Hardware.Onvif.Device;

/// <summary>
/// Where the camera's services answer, as we use them: taken from GetServices (or GetCapabilities) and
/// rewritten onto the scheme, host and port we reached the camera on when it reports another address
/// (cameras behind NAT or port forwarding report their LAN address).
/// </summary>
/// <param name="Device">The device management service (the address we connected to).</param>
/// <param name="Media">Media service (ver10), if any.</param>
/// <param name="Media2">Media2 service (ver20), if any; preferred over <paramref name="Media"/> when present.</param>
/// <param name="Ptz">PTZ service, if the camera is motorised.</param>
/// <param name="Imaging">Imaging service, if any.</param>
/// <param name="Events">Event service, if any.</param>
public sealed record OnvifServiceAddresses(Uri Device, Uri? Media, Uri? Media2, Uri? Ptz, Uri? Imaging, Uri? Events);
