using Edge.Contracts.Messages;
using Relay.Core.Alerts;
using Relay.Core.Sites;

namespace Relay.Web.Api;

/// <summary>One device of one site, as the crisis cell's overview shows it.</summary>
public sealed record SiteResponse(
    string Site,
    string Device,
    SiteState State,
    Connectivity Connectivity,
    DateTimeOffset? LastSeenAt,
    DateTimeOffset? LastHeartbeatAt,
    int? OutboxDepth,
    IReadOnlyList<FaultInfo> Faults,
    bool Drill,
    string? SoftwareVersion,
    string? Board,
    string? SiteName,
    IReadOnlyList<Guid> OpenAlerts,
    AlertSummary? LastAlert,
    SequenceResponse Sequence);

/// <summary>Events stored up to <see cref="HighestContiguous"/> without a hole; each gap is events not yet arrived.</summary>
public sealed record SequenceResponse(long HighestContiguous, long HighestReceived, IReadOnlyList<SeqRange> Gaps);
