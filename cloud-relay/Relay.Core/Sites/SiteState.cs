using System.Text.Json.Serialization;

namespace Relay.Core.Sites;

/// <summary>What the crisis cell's map shows for a device: alerting wins over connectivity, because an alert on a box
/// that has since gone offline is the most urgent case of all.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SiteState>))]
public enum SiteState
{
    [JsonStringEnumMemberName("unknown")] Unknown,

    [JsonStringEnumMemberName("online")] Online,

    [JsonStringEnumMemberName("offline")] Offline,

    [JsonStringEnumMemberName("alerting")] Alerting,
}
