namespace Edge.Contracts.Messages;

/// <summary>Periodic health on <c>edge/v1/{site}/{device}/heartbeat</c> (QoS 0: the next one replaces a lost one).</summary>
public sealed record HeartbeatMessage
{
    public int V { get; init; } = ContractVersion.Current;

    public required string Site { get; init; }

    public required string Device { get; init; }

    public required DateTimeOffset At { get; init; }

    public required long UptimeSeconds { get; init; }

    /// <summary>Events and snapshots not yet receipted by the relay.</summary>
    public required int OutboxDepth { get; init; }

    public DateTimeOffset? LastPressAt { get; init; }

    public bool Drill { get; init; }

    public IReadOnlyList<InputState>? Inputs { get; init; }

    public IReadOnlyList<OutputState>? Outputs { get; init; }

    public IReadOnlyList<FaultInfo>? Faults { get; init; }
}

public sealed record InputState(string Id, string State);

public sealed record OutputState(string Id, bool On);

/// <summary>A current fault: <c>Code</c> is stable (button-stuck, wire-cut, storage, camera, sip), for filtering.</summary>
public sealed record FaultInfo(string Code, string Subject, string Detail, DateTimeOffset Since);
