namespace Relay.Core.Storage.Documents;

/// <summary>One audit entry. Id: its seq, from 1 (LiteDB's _id index keeps them in order).</summary>
internal sealed class AuditDocument
{
    public long Id { get; set; }

    public DateTimeOffset At { get; set; }

    public string Actor { get; set; } = "";

    public string Action { get; set; } = "";

    public string? Target { get; set; }

    public string? Detail { get; set; }

    public string? RemoteAddress { get; set; }

    public string? UserAgent { get; set; }

    public List<Guid> CommandIds { get; set; } = [];

    public string Hash { get; set; } = "";
}
