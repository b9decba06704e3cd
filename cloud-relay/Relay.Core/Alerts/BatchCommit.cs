using Relay.Core.Devices;

namespace Relay.Core.Alerts;

/// <summary>What one committed (and flushed) batch did with each item; every item may be receipted.</summary>
public sealed record BatchCommit(IReadOnlyList<EventOutcome> Events, IReadOnlyList<SnapshotOutcome> Snapshots);

public sealed record EventOutcome(DeviceId Device, long Seq, Guid? AlertId, StoreOutcome Outcome);

public sealed record SnapshotOutcome(DeviceId Device, Guid AlertId, int Index, StoreOutcome Outcome);
