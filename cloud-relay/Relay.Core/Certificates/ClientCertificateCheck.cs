using Relay.Core.Devices;

namespace Relay.Core.Certificates;

/// <summary>The verdict on a client certificate, with the device and serial number it names when they could be read.</summary>
public sealed record ClientCertificateCheck(ClientCertificateVerdict Verdict, DeviceId? Device, string? SerialNumber, string? Subject)
{
    public bool IsAccepted => Verdict == ClientCertificateVerdict.Accepted;
}
