namespace Relay.Core.Storage.Documents;

/// <summary>An event that reused a stored (site, device, seq) with different content. Id:
/// <c>{event id}/{sha256 of json}</c>, so that a conflicting copy resent many times is kept once.</summary>
internal sealed class ConflictDocument
{
    public string Id { get; set; } = "";

    public string EventId { get; set; } = "";

    public string Json { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }
}
