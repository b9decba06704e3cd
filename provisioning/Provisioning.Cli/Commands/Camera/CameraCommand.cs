using System.CommandLine;

namespace Provisioning.Cli.Commands.Camera;

/// <summary><c>camera</c>: find ONVIF cameras, check them as the box will use them, and simulate one.</summary>
internal sealed class CameraCommand : Command
{
    public CameraCommand(CliContext context)
        : base("camera", "Find, check and drive ONVIF cameras; run a virtual one.")
    {
        Subcommands.Add(new CameraDiscoverCommand(context));
        Subcommands.Add(new CameraProbeCommand(context));
        Subcommands.Add(new CameraSnapshotCommand(context));
        Subcommands.Add(new CameraGotoPresetCommand(context));
        Subcommands.Add(new CameraSimulateCommand(context));
    }
}
