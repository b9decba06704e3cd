namespace Edge.Contracts.Messages;

/// <summary>A command on <c>edge/v1/{site}/{device}/commands</c>. The box answers with a command-applied or
/// command-rejected event (or, for an alert, the matching alert event) carrying <see cref="CommandId"/>.</summary>
public sealed record CommandMessage
{
    public int V { get; init; } = ContractVersion.Current;

    /// <summary>Unique per command, so a redelivered command is applied once.</summary>
    public required Guid CommandId { get; init; }

    public required CommandKind Kind { get; init; }

    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>The operator's login, recorded in the box's event for the audit trail.</summary>
    public required string IssuedBy { get; init; }

    /// <summary>Acknowledge, SilenceSiren, Clear.</summary>
    public Guid? AlertId { get; init; }

    /// <summary>TestOutput: output id.</summary>
    public string? Output { get; init; }

    /// <summary>TestOutput: how long, at most 60 000 ms.</summary>
    public int? DurationMs { get; init; }

    /// <summary>ConfigPush: the whole site file (YAML).</summary>
    public string? SiteFile { get; init; }

    public string? Comment { get; init; }
}
