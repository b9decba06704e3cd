namespace Provisioning.Cli.Input;

/// <summary>
/// Keys typed at the terminal, without echo. <see cref="Console.ReadKey(bool)"/> cannot be cancelled, so the
/// terminal is polled: a key costs at most one poll interval of delay, and Ctrl+C still ends the command.
/// </summary>
internal sealed class ConsoleKeyInput(TimeProvider time) : IKeyInput
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(25);

    public async ValueTask<ConsoleKeyInfo?> ReadKeyAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (Console.KeyAvailable)
                {
                    return Console.ReadKey(intercept: true);
                }
            }
            catch (InvalidOperationException)
            {
                // Standard input is not a terminal after all (redirected): no key will ever come.
                return null;
            }

            await Task.Delay(s_pollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
