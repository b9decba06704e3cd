using System.Text.Json.Serialization;

namespace Edge.Contracts.Messages;

[JsonConverter(typeof(JsonStringEnumConverter<DeviceState>))]
public enum DeviceState
{
    [JsonStringEnumMemberName("online")] Online,

    /// <summary>Sent by the box on a clean stop, or by the broker as the box's Last Will.</summary>
    [JsonStringEnumMemberName("offline")] Offline,
}
