using MQTTnet;
using Relay.Core.Ingest;

namespace Relay.Ingest.Client;

/// <summary>A message waiting for the ingest worker, with what is needed to acknowledge it to the broker afterwards.
/// <see cref="Generation"/> is the connection it arrived on: an acknowledgement is only ever sent on that one.</summary>
public sealed record ReceivedMessage(InboundMessage Message, MqttApplicationMessageReceivedEventArgs Delivery, int Generation);
