namespace Relay.Core.Storage.Documents;

/// <summary>The JPEG bytes, kept apart from <see cref="SnapshotDocument"/> so that listing snapshots does not read
/// megabytes. At most 4 MiB, well under LiteDB's 16 MiB document limit.</summary>
internal sealed class SnapshotDataDocument
{
    public string Id { get; set; } = "";

    public byte[] Data { get; set; } = [];
}
