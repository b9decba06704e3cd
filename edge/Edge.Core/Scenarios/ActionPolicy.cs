namespace Edge.Core.Scenarios;

/// <summary>How long one attempt of an action may take, and how many attempts it gets.</summary>
public sealed record ActionPolicy(TimeSpan AttemptTimeout, int MaxAttempts, TimeSpan RetryDelay)
{
    /// <summary>One quick attempt: for local outputs, which either work at once or not at all.</summary>
    public static ActionPolicy Immediate { get; } = new(TimeSpan.FromSeconds(2), 1, TimeSpan.Zero);

    /// <summary>The longest the engine waits for the action, retries included, before it reports a timeout even if
    /// the action ignores cancellation.</summary>
    public TimeSpan Deadline => (AttemptTimeout * MaxAttempts) + (RetryDelay * 2 * MaxAttempts) + TimeSpan.FromSeconds(1);
}
