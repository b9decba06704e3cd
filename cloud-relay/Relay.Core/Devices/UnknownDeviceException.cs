namespace Relay.Core.Devices;

/// <summary>Thrown when an operation names a device that is not registered at this relay.</summary>
public sealed class UnknownDeviceException : Exception
{
    public UnknownDeviceException()
    {
    }

    public UnknownDeviceException(string message)
        : base(message)
    {
    }

    public UnknownDeviceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UnknownDeviceException(DeviceId id)
        : base($"No device '{id.Username}' (site '{id.Site}', device '{id.Device}') is registered at this relay; " +
               $"register it with 'devices add {id.Site} {id.Device}'.")
    {
        Device = id;
    }

    public DeviceId? Device { get; }
}
