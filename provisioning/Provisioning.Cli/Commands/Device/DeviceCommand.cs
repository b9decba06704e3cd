using System.CommandLine;

namespace Provisioning.Cli.Commands.Device;

/// <summary><c>device</c>: the box's identity at the relay.</summary>
internal sealed class DeviceCommand : Command
{
    public DeviceCommand(CliContext context)
        : base("device", "The box's identity at the crisis cell's relay: enrol it (key made on the box, certificate from the relay).")
    {
        Subcommands.Add(new DeviceEnrollCommand(context));
    }
}
