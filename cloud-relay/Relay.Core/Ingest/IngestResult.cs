using Relay.Core.Sites;

namespace Relay.Core.Ingest;

/// <summary>What the MQTT side must do after a batch: publish these receipts, and re-publish pending commands to
/// devices that came online.</summary>
public sealed record IngestResult(IReadOnlyList<DeviceReceipt> Receipts, IReadOnlyList<DeviceTransition> Transitions);
