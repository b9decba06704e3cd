using System.Text.Json.Serialization;

namespace Relay.Core.Alerts;

[JsonConverter(typeof(JsonStringEnumConverter<AlertStatus>))]
public enum AlertStatus
{
    /// <summary>Raised and not yet over: the crisis cell must act.</summary>
    [JsonStringEnumMemberName("open")] Open,

    /// <summary>The box reported the alert over (outputs back to idle).</summary>
    [JsonStringEnumMemberName("cleared")] Cleared,

    /// <summary>Cancelled at the box within the scenario's window; kept for the record.</summary>
    [JsonStringEnumMemberName("false-alarm")] FalseAlarm,
}
