namespace Edge.Contracts.Messages;

/// <summary>Retained on <c>edge/v1/{site}/{device}/status</c>; the offline form is registered as the Last Will.</summary>
public sealed record StatusMessage
{
    public int V { get; init; } = ContractVersion.Current;

    public required string Site { get; init; }

    public required string Device { get; init; }

    public required DeviceState State { get; init; }

    /// <summary>When the box sent it (for the Last Will: when the connection it covers was opened).</summary>
    public required DateTimeOffset At { get; init; }

    public string? SoftwareVersion { get; init; }

    /// <summary>real or virtual: a virtual board must never be mistaken for a protected building.</summary>
    public string? Board { get; init; }

    public string? SiteName { get; init; }
}
