namespace Hardware.Onvif.Device;

/// <summary>What GetDeviceInformation reports (ONVIF Device Management §8.3.1).</summary>
public sealed record OnvifDeviceInformation(
    string Manufacturer,
    string Model,
    string FirmwareVersion,
    string SerialNumber,
    string HardwareId);
