using Edge.Contracts.Messages;
using Relay.Core.Devices;

namespace Relay.Core.Ingest;

/// <summary>A message after reading: one of the accepted kinds below, or a <see cref="Rejection"/>.</summary>
public abstract record InboundItem;

public sealed record InboundEvent(DeviceId Device, AlertEvent Event, string CanonicalJson) : InboundItem;

public sealed record InboundSnapshot(DeviceId Device, Guid AlertId, int Index, ReadOnlyMemory<byte> Jpeg) : InboundItem;

public sealed record InboundStatus(DeviceId Device, StatusMessage Status) : InboundItem;

public sealed record InboundHeartbeat(DeviceId Device, HeartbeatMessage Heartbeat) : InboundItem;

/// <summary>A refused message. <see cref="Detail"/> is for the log: never payload bytes, at most the reader's reason.</summary>
public sealed record Rejection(RejectionReason Reason, string Detail) : InboundItem;
