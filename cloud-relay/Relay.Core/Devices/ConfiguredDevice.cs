namespace Relay.Core.Devices;

/// <summary>
/// One entry of <c>Relay:Devices</c>: a device declared in configuration, for demos and tests. Its password is
/// hashed before it is stored; production should register devices with the <c>devices add</c> command instead, so
/// that no password sits in a configuration file.
/// </summary>
public sealed class ConfiguredDevice
{
    public string Site { get; set; } = "";

    public string Device { get; set; } = "";

    public string Password { get; set; } = "";
}

/// <summary><c>Relay:Devices</c>.</summary>
public sealed class ConfiguredDevicesOptions
{
    public const string Section = "Relay:Devices";

    public List<ConfiguredDevice> Devices { get; } = [];
}
