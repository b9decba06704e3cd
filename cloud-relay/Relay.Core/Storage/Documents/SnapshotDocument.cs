namespace Relay.Core.Storage.Documents;

/// <summary>What is known of a snapshot without reading its bytes. Id: <c>{site}/{device}/{alertId}/{index:D2}</c>.</summary>
internal sealed class SnapshotDocument
{
    public string Id { get; set; } = "";

    public string Site { get; set; } = "";

    public string Device { get; set; } = "";

    public Guid AlertId { get; set; }

    public int Index { get; set; }

    public int Size { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
