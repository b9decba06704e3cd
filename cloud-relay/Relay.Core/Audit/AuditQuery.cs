namespace Relay.Core.Audit;

/// <summary>Newest first. <see cref="BeforeSeq"/> pages backwards; the filters are exact matches.</summary>
public sealed record AuditQuery(int Limit = AuditQuery.DefaultLimit, long? BeforeSeq = null, string? Action = null, string? Target = null, string? Actor = null)
{
    public const int DefaultLimit = 100;

    public const int MaxLimit = 1000;

    public int EffectiveLimit => Math.Clamp(Limit, 1, MaxLimit);
}
