namespace Edge.Contracts.Messages;

/// <summary>
/// One event of a device, on <c>edge/v1/{site}/{device}/alerts</c>. <see cref="Seq"/> numbers every event of the
/// device from 1 without gaps; (device, seq) identifies an event, so a resent or replayed copy is recognised and
/// dropped by the relay. Alert-scoped kinds carry <see cref="AlertId"/>; device-scoped ones (faults, commands
/// not about an alert) do not.
/// </summary>
public sealed record AlertEvent
{
    public int V { get; init; } = ContractVersion.Current;

    public required string Site { get; init; }

    public required string Device { get; init; }

    /// <summary>Per-device sequence number, from 1, without gaps.</summary>
    public required long Seq { get; init; }

    /// <summary>The alert this event belongs to (a UUIDv7, so ids sort by time of press).</summary>
    public Guid? AlertId { get; init; }

    public required AlertEventKind Kind { get; init; }

    /// <summary>When the event happened, by the box's clock.</summary>
    public required DateTimeOffset At { get; init; }

    // Raised only.
    public string? Button { get; init; }

    /// <summary>The press pattern that triggered: single, long, multi.</summary>
    public string? Gesture { get; init; }

    public string? Scenario { get; init; }

    public AlertSeverity? Severity { get; init; }

    public bool Drill { get; init; }

    /// <summary>When the button edge was seen (before debounce confirmation), by the box's clock.</summary>
    public DateTimeOffset? PressedAt { get; init; }

    // Action kinds.
    /// <summary>siren, strobe, led, camera, call.</summary>
    public string? Action { get; init; }

    /// <summary>Human-readable, for the crisis cell's timeline (in the language of the site file).</summary>
    public string? Detail { get; init; }

    /// <summary>Structured details: number called, digit pressed, preset, attempt, who acknowledged.</summary>
    public IReadOnlyDictionary<string, string>? Data { get; init; }

    /// <summary>SnapshotTaken only: the index n of <c>media/{alertId}/{n}</c>, from 1.</summary>
    public int? SnapshotIndex { get; init; }

    /// <summary>Commands only: the command this event answers.</summary>
    public Guid? CommandId { get; init; }
}
