namespace Edge.Contracts.Topics;

/// <summary>A topic of the tree, split. <see cref="AlertId"/> and <see cref="SnapshotIndex"/> are set for media only.</summary>
public readonly record struct ParsedTopic(string Site, string Device, TopicKind Kind, Guid AlertId, int SnapshotIndex);
