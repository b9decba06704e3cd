namespace Relay.Core.Storage;

public sealed record StoreHealth(string Path, bool IsOpen, DateTimeOffset? LastCommitAt, string? LastError, DateTimeOffset? LastErrorAt);
