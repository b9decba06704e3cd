using Edge.Contracts.Messages;
using Relay.Core.Devices;

namespace Relay.Core.Sites;

/// <summary>The live state of one device, as last heard. Times are the relay's clock unless named otherwise.</summary>
public sealed record DeviceStatus
{
    public required DeviceId Device { get; init; }

    public required SiteState State { get; init; }

    public required Connectivity Connectivity { get; init; }

    /// <summary>Last message of any kind from the device.</summary>
    public DateTimeOffset? LastSeenAt { get; init; }

    public DateTimeOffset? LastHeartbeatAt { get; init; }

    /// <summary>Events and snapshots the box still holds unreceipted, from its last heartbeat.</summary>
    public int? OutboxDepth { get; init; }

    public IReadOnlyList<FaultInfo> Faults { get; init; } = [];

    public bool Drill { get; init; }

    public string? SoftwareVersion { get; init; }

    public string? Board { get; init; }

    public string? SiteName { get; init; }

    public long? UptimeSeconds { get; init; }

    public DateTimeOffset? LastPressAt { get; init; }

    /// <summary>Open alerts within the alerting window, newest last.</summary>
    public IReadOnlyList<Guid> OpenAlerts { get; init; } = [];
}
