namespace Relay.Core.Storage.Documents;

/// <summary>One event. The id <c>{site}/{device}/{seq:D19}</c> is the unique key that makes storing idempotent, and
/// sorts a device's events by seq.</summary>
internal sealed class EventDocument
{
    public string Id { get; set; } = "";

    public string Site { get; set; } = "";

    public string Device { get; set; } = "";

    public long Seq { get; set; }

    public Guid? AlertId { get; set; }

    public string Kind { get; set; } = "";

    public Guid? CommandId { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }

    /// <summary>The event as the contract serializer writes it: the stored truth, read back through the same
    /// strict serializer.</summary>
    public string Json { get; set; } = "";
}
