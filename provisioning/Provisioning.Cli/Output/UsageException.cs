namespace Provisioning.Cli.Output;

/// <summary>The command line cannot be acted on (exit 2). Thrown by commands for what the parser cannot check.</summary>
internal sealed class UsageException : Exception
{
    public UsageException()
    {
    }

    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>What to type instead, shown under the message.</summary>
    public string? Hint { get; init; }
}
