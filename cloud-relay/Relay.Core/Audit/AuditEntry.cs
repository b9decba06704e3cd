namespace Relay.Core.Audit;

/// <summary>
/// One line of the audit trail: who did what, when, from where, to what. Entries are only ever appended; each
/// carries the hash of the one before it (<see cref="Hash"/>), so an entry changed or removed behind the relay's back
/// (by editing the store file) breaks the chain and shows.
/// </summary>
public sealed record AuditEntry
{
    /// <summary>Position in the log, from 1, assigned when appended.</summary>
    public long Seq { get; init; }

    /// <summary>Relay clock.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The login name, <c>system</c> for the relay itself, <c>cli:{os user}</c> for the admin commands.</summary>
    public required string Actor { get; init; }

    /// <summary>One of <see cref="AuditActions"/>.</summary>
    public required string Action { get; init; }

    /// <summary>What the action was about: <c>alert:{id}</c>, <c>site:{site}</c>, <c>user:{name}</c>.</summary>
    public string? Target { get; init; }

    /// <summary>The comment, the reason of a refusal, the numbers of a purge.</summary>
    public string? Detail { get; init; }

    public string? RemoteAddress { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>The commands the action sent to boxes, whose fate the command ledger records.</summary>
    public IReadOnlyList<Guid> CommandIds { get; init; } = [];

    /// <summary>SHA-256 (hex) over the previous entry's hash and this entry's fields; set when appended.</summary>
    public string Hash { get; init; } = "";
}
