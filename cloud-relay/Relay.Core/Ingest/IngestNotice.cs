using Relay.Core.Alerts;
using Relay.Core.Devices;

namespace Relay.Core.Ingest;

/// <summary>
/// What one batch changed, once it is committed: the events and snapshots stored for the first time (duplicates
/// are not news) and the devices whose live state may have moved. For live views (the dashboard's feed).
/// </summary>
public sealed record IngestNotice(IReadOnlyList<StoredEvent> Events, IReadOnlyList<SnapshotOutcome> Snapshots, IReadOnlyList<DeviceId> Devices);
