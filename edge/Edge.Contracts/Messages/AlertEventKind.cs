using System.Text.Json.Serialization;

namespace Edge.Contracts.Messages;

/// <summary>What happened. Every event of a device travels on its alerts topic, in sequence order.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertEventKind>))]
public enum AlertEventKind
{
    /// <summary>A trigger ran a scenario: the alert exists from here on. Carries button, scenario, severity, drill.</summary>
    [JsonStringEnumMemberName("raised")] Raised,

    /// <summary>A local action began (siren, strobe, camera, call, led).</summary>
    [JsonStringEnumMemberName("action-started")] ActionStarted,

    /// <summary>The trigger was pressed again while the alert runs: the same incident, not a new alert.</summary>
    [JsonStringEnumMemberName("pressed-again")] PressedAgain,

    /// <summary>A step inside an action: preset reached, number dialled, callee ringing, digit received.</summary>
    [JsonStringEnumMemberName("action-progress")] ActionProgress,

    [JsonStringEnumMemberName("action-succeeded")] ActionSucceeded,

    /// <summary>The action failed or timed out; <see cref="AlertEvent.Detail"/> says why.</summary>
    [JsonStringEnumMemberName("action-failed")] ActionFailed,

    /// <summary>Snapshot <see cref="AlertEvent.SnapshotIndex"/> was taken; its bytes follow on the media topic.</summary>
    [JsonStringEnumMemberName("snapshot-taken")] SnapshotTaken,

    /// <summary>The cancel gesture was made within the scenario's window: a false alarm, kept, not erased.</summary>
    [JsonStringEnumMemberName("false-alarm")] FalseAlarm,

    /// <summary>Someone acknowledged: the crisis cell (by command) or a callee (by phone).</summary>
    [JsonStringEnumMemberName("acknowledged")] Acknowledged,

    [JsonStringEnumMemberName("siren-silenced")] SirenSilenced,

    /// <summary>The alert is over on the box: outputs back to idle.</summary>
    [JsonStringEnumMemberName("cleared")] Cleared,

    /// <summary>A command was applied by the box (drill start and stop, test output, configuration).</summary>
    [JsonStringEnumMemberName("command-applied")] CommandApplied,

    /// <summary>A command was refused by the box; <see cref="AlertEvent.Detail"/> says why.</summary>
    [JsonStringEnumMemberName("command-rejected")] CommandRejected,

    /// <summary>A fault appeared: a stuck button, a cut wire, a storage failure.</summary>
    [JsonStringEnumMemberName("fault-raised")] FaultRaised,

    [JsonStringEnumMemberName("fault-cleared")] FaultCleared,
}
