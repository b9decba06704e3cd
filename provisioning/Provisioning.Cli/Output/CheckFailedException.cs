namespace Provisioning.Cli.Output;

/// <summary>
/// An expected failure of the thing checked or done (exit 1): a file already there, a program missing, a camera
/// that answers nonsense. The message is for the installer; no stack trace is shown.
/// </summary>
internal sealed class CheckFailedException : Exception
{
    public CheckFailedException()
    {
    }

    public CheckFailedException(string message)
        : base(message)
    {
    }

    public CheckFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What to do about it, shown under the message.</summary>
    public string? Hint { get; init; }
}
