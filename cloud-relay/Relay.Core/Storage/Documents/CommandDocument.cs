namespace Relay.Core.Storage.Documents;

internal sealed class CommandDocument
{
    public Guid Id { get; set; }

    public string Site { get; set; } = "";

    public string Device { get; set; } = "";

    public string Status { get; set; } = "";

    /// <summary>The command as the contract serializer writes it, exactly what is published.</summary>
    public string Json { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastPublishedAt { get; set; }

    public int PublishCount { get; set; }

    public DateTimeOffset? AnsweredAt { get; set; }

    public long? AnsweredBySeq { get; set; }

    public string? Detail { get; set; }
}
