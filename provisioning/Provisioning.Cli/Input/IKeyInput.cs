namespace Provisioning.Cli.Input;

/// <summary>
/// Single key presses, for the commands that react to keys while they run (<c>wiring test</c>). The process reads
/// the terminal (<see cref="ConsoleKeyInput"/>); tests push keys of their own.
/// </summary>
internal interface IKeyInput
{
    /// <summary>The next key pressed, or null once no key will ever come (input closed).</summary>
    ValueTask<ConsoleKeyInfo?> ReadKeyAsync(CancellationToken cancellationToken);
}
