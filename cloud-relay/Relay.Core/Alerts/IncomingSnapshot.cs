using Relay.Core.Devices;

namespace Relay.Core.Alerts;

/// <summary>A checked JPEG on its way into the store.</summary>
public sealed record IncomingSnapshot(DeviceId Device, Guid AlertId, int Index, ReadOnlyMemory<byte> Jpeg, DateTimeOffset ReceivedAt);
