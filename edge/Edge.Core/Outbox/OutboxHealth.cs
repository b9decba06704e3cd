namespace Edge.Core.Outbox;

/// <summary>What the status page and heartbeats say about the outbox.</summary>
public sealed record OutboxHealth
{
    /// <summary>Events not yet receipted by the relay.</summary>
    public int PendingEvents { get; init; }

    public int PendingSnapshots { get; init; }

    /// <summary>The last sequence number assigned.</summary>
    public long LastSeq { get; init; }

    /// <summary>Entries held only in memory because storage failed: lost if the process dies now.</summary>
    public int InMemoryOnly { get; init; }

    /// <summary>Why storage is failing, or null when all is well.</summary>
    public string? Fault { get; init; }

    public DateTimeOffset? OldestPendingAt { get; init; }

    public int Depth => PendingEvents + PendingSnapshots;
}
