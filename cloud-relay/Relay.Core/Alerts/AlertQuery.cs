namespace Relay.Core.Alerts;

/// <summary>Newest first; <see cref="Limit"/> is clamped by the store to <see cref="MaxLimit"/>.</summary>
public sealed record AlertQuery(int Limit = AlertQuery.DefaultLimit, string? Site = null)
{
    public const int DefaultLimit = 50;

    public const int MaxLimit = 500;

    public int EffectiveLimit => Math.Clamp(Limit, 1, MaxLimit);
}
