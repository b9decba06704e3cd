namespace Hardware.Onvif.Device;

/// <summary>
/// Maps addresses the camera reports onto the address we actually reach it on. Behind NAT or port
/// forwarding a camera reports its LAN address (python-onvif-zeep's <c>override_camera_address</c>,
/// protocols.md §3.8 item 6), which is unreachable from here.
/// </summary>
/// <remarks>
/// An HTTP(S) address on the authority the camera reports for itself (its device service, or any of its
/// service addresses when it reports no device service) is moved to our scheme, host and port. Any other
/// address on another host (an RTSP URI, a snapshot server on another port) keeps its scheme and port and
/// only gets our host. Addresses already on our host are left alone.
/// </remarks>
internal sealed class ServiceAddressRewriter
{
    private readonly Uri _reached;
    private readonly HashSet<string> _reportedSelf = new(StringComparer.OrdinalIgnoreCase);

    public ServiceAddressRewriter(Uri reachedDeviceService, ReportedServices reported)
    {
        _reached = reachedDeviceService;
        IEnumerable<Uri> selves = reported.Device is not null ? [reported.Device] : reported.All;
        foreach (Uri self in selves)
        {
            _reportedSelf.Add(Authority(self));
        }
    }

    public bool Enabled { get; init; } = true;

    public Uri? Rewrite(Uri? reported)
    {
        if (reported is null || !Enabled)
        {
            return reported;
        }

        if (!reported.IsAbsoluteUri)
        {
            return new Uri(_reached, reported);
        }

        if (string.Equals(reported.Host, _reached.Host, StringComparison.OrdinalIgnoreCase))
        {
            return reported;
        }

        var builder = new UriBuilder(reported) { Host = _reached.Host };
        if (reported.Scheme is "http" or "https" && _reportedSelf.Contains(Authority(reported)))
        {
            builder.Scheme = _reached.Scheme;
            builder.Port = _reached.Port;
        }

        return builder.Uri;
    }

    private static string Authority(Uri uri) => uri.Scheme + "://" + uri.Host + ":" + uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
