namespace Edge.Core.Outbox;

/// <summary>A snapshot waiting to be sent on <c>media/{alertId}/{index}</c>.</summary>
public sealed record OutboxSnapshot(Guid AlertId, int Index, DateTimeOffset TakenAt, ReadOnlyMemory<byte> Jpeg);
