using System.CommandLine;

namespace Provisioning.Cli.Commands.Board;

/// <summary><c>board</c>: the box's GPIO header. The wiring test will live here too.</summary>
internal sealed class BoardCommand : Command
{
    public BoardCommand(CliContext context)
        : base("board", "The box's GPIO header.")
    {
        Subcommands.Add(new BoardPinsCommand(context));
    }
}
