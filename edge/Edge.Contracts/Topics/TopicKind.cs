namespace Edge.Contracts.Topics;

public enum TopicKind
{
    Unknown,
    Alerts,
    Media,
    Status,
    Heartbeat,
    Commands,
    Receipts,
}
