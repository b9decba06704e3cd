namespace Relay.Core.Alerts;

public sealed record SnapshotInfo(Guid AlertId, string Site, string Device, int Index, int Size, DateTimeOffset ReceivedAt);
