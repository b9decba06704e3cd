using System.CommandLine;

namespace Provisioning.Cli.Commands.Call;

/// <summary><c>call</c>: the box's telephone (its SIP account in the site file).</summary>
internal sealed class CallCommand : Command
{
    public CallCommand(CliContext context)
        : base("call", "Test the box's phone calls with the site file's SIP account.")
    {
        Subcommands.Add(new CallTestCommand(context));
    }
}
