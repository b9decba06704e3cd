using System.Text.Json.Serialization;

namespace Relay.Core.Commands;

[JsonConverter(typeof(JsonStringEnumConverter<CommandStatus>))]
public enum CommandStatus
{
    /// <summary>Not yet answered by the box: published again whenever the box comes back online.</summary>
    [JsonStringEnumMemberName("pending")] Pending,

    /// <summary>The box answered with command-applied, or with an alert event carrying the command id.</summary>
    [JsonStringEnumMemberName("applied")] Applied,

    [JsonStringEnumMemberName("rejected")] Rejected,

    /// <summary>Unanswered for longer than the configured lifetime: no longer published.</summary>
    [JsonStringEnumMemberName("expired")] Expired,
}
