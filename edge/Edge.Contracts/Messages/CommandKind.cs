using System.Text.Json.Serialization;

namespace Edge.Contracts.Messages;

[JsonConverter(typeof(JsonStringEnumConverter<CommandKind>))]
public enum CommandKind
{
    /// <summary>The crisis cell has the alert in hand: LED shows it; the siren stops if the scenario says so.</summary>
    [JsonStringEnumMemberName("acknowledge")] Acknowledge,

    [JsonStringEnumMemberName("silence-siren")] SilenceSiren,

    /// <summary>The alert is closed at the relay: the box returns its outputs to idle.</summary>
    [JsonStringEnumMemberName("clear")] Clear,

    [JsonStringEnumMemberName("drill-start")] DrillStart,

    [JsonStringEnumMemberName("drill-stop")] DrillStop,

    /// <summary>Switch one output on for a short time, to test wiring from the relay.</summary>
    [JsonStringEnumMemberName("test-output")] TestOutput,

    /// <summary>A new site file for the box to validate and apply.</summary>
    [JsonStringEnumMemberName("config-push")] ConfigPush,
}
