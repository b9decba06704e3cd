namespace Relay.Core.Storage.Documents;

/// <summary>A registered device. Id: its MQTT username <c>{site}.{device}</c>.</summary>
internal sealed class DeviceDocument
{
    public string Id { get; set; } = "";

    public string Site { get; set; } = "";

    public string Device { get; set; } = "";

    public string PasswordHash { get; set; } = "";

    public DateTimeOffset RegisteredAt { get; set; }
}
