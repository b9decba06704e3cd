namespace Relay.Core.Retention;

/// <summary>What one purge removed: snapshots received before <see cref="ReceivedBefore"/>.</summary>
public sealed record SnapshotPurge(DateTimeOffset ReceivedBefore, int Snapshots, long Bytes, int Alerts);
