namespace Relay.Core.Ingest;

/// <summary>A message as it came off the broker: nothing in it is trusted yet.</summary>
public sealed record InboundMessage(string Topic, ReadOnlyMemory<byte> Payload);
