using System.Text.Json.Serialization;

namespace Relay.Core.Sites;

[JsonConverter(typeof(JsonStringEnumConverter<Connectivity>))]
public enum Connectivity
{
    /// <summary>Registered, never heard from since the relay started.</summary>
    [JsonStringEnumMemberName("unknown")] Unknown,

    [JsonStringEnumMemberName("online")] Online,

    /// <summary>Said so (status, Last Will) or silent for longer than the supervision window.</summary>
    [JsonStringEnumMemberName("offline")] Offline,
}
