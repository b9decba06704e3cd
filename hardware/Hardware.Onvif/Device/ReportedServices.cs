namespace Hardware.Onvif.Device;

/// <summary>Service addresses exactly as the camera reported them, before any rewrite.</summary>
internal sealed record ReportedServices(Uri? Device, Uri? Media, Uri? Media2, Uri? Ptz, Uri? Imaging, Uri? Events)
{
    public IEnumerable<Uri> All => new[] { Device, Media, Media2, Ptz, Imaging, Events }.OfType<Uri>();
}
