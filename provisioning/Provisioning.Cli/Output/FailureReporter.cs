using Spectre.Console;

namespace Provisioning.Cli.Output;

/// <summary>
/// The last line of defence: turns whatever a command threw into a message and an exit code. Expected failures
/// get their message and hint only; a stack trace is shown for bugs alone (exit 3), where it helps the report.
/// </summary>
internal static class FailureReporter
{
    public static int Report(Exception exception, CliContext context, string commandPath)
    {
        switch (exception)
        {
            case UsageException usage:
                context.Error.WriteError(usage.Message, usage.Hint ?? $"See '{commandPath} --help'.");
                return ExitCodes.Usage;

            case CheckFailedException failed:
                context.Error.WriteError(failed.Message, failed.Hint);
                return ExitCodes.Failed;

            // Libraries turn their own timeouts into worded exceptions, so a cancellation here is Ctrl+C or SIGTERM.
            case OperationCanceledException:
                context.Error.WriteNote("Interrupted.");
                return ExitCodes.Interrupted;

            default:
                context.Error.WriteError(
                    $"internal error in '{commandPath}': {exception.GetType().Name}: {exception.Message}",
                    "This is a bug in the provisioning tool, not something you did. Please report it with the command line (without passwords) and the details below.");
                context.Error.WriteLine(exception.ToString(), new Style(Color.Grey));
                return ExitCodes.Internal;
        }
    }
}
