using System.CommandLine;
using System.CommandLine.Invocation;
using Provisioning.Cli.Commands.Board;
using Provisioning.Cli.Commands.Call;
using Provisioning.Cli.Commands.Camera;
using Provisioning.Cli.Commands.Deploy;
using Provisioning.Cli.Commands.Device;
using Provisioning.Cli.Commands.Message;
using Provisioning.Cli.Commands.Secret;
using Provisioning.Cli.Commands.Site;
using Provisioning.Cli.Commands.Wiring;
using Provisioning.Cli.Output;

namespace Provisioning.Cli;

/// <summary>The command tree and the one place where exit codes are decided.</summary>
internal static class CliApplication
{
    public const string Description =
        "The installer's tool for the panic-alert box: write and check the site file, find and test cameras, " +
        "make the spoken message, test the wiring and the phone, store secrets, enrol the box with the relay, install the box. " +
        "Exit codes: 0 ok, 1 check failed, 2 usage error, 3 internal error, 130 interrupted (Ctrl+C).";

    /// <summary>
    /// The whole tree. A new group is one more folder under Commands/ and one line here.
    /// </summary>
    public static RootCommand CreateRootCommand(CliContext context)
    {
        var root = new RootCommand(Description);
        root.Subcommands.Add(new SiteCommand(context));
        root.Subcommands.Add(new CameraCommand(context));
        root.Subcommands.Add(new MessageCommand(context));
        root.Subcommands.Add(new BoardCommand(context));
        root.Subcommands.Add(new WiringCommand(context));
        root.Subcommands.Add(new SecretCommand(context));
        root.Subcommands.Add(new CallCommand(context));
        root.Subcommands.Add(new DeviceCommand(context));
        root.Subcommands.Add(new DeployCommand(context));
        return root;
    }

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var root = CreateRootCommand(context);
        var parse = root.Parse(args);
        var commandPath = CommandPath(parse);
        if (parse.Action is ParseErrorAction)
        {
            foreach (var error in parse.Errors)
            {
                context.Error.WriteError(error.Message);
            }

            context.Error.WriteNote($"See '{commandPath} --help'.");
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = context.Out.Profile.Out.Writer,
            Error = context.Error.Profile.Out.Writer,
            EnableDefaultExceptionHandler = false,

            // Ctrl+C and SIGTERM cancel the command's token; a command that ignores it is ended after this.
            ProcessTerminationTimeout = context.HandleTerminationSignals ? TimeSpan.FromSeconds(5) : null,
        };

        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The whole point: no exception reaches the user as a crash.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return FailureReporter.Report(exception, context, commandPath);
        }
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(result.Command is RootCommand ? "provision" : result.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }
}
