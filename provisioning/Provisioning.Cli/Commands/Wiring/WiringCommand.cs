using System.CommandLine;

namespace Provisioning.Cli.Commands.Wiring;

/// <summary><c>wiring</c>: check what is wired to the box, with the box's own input and output code.</summary>
internal sealed class WiringCommand : Command
{
    public WiringCommand(CliContext context)
        : base("wiring", "Check the buttons and outputs wired to the box, as the box will see them.")
    {
        Subcommands.Add(new WiringTestCommand(context));
    }
}
