using Edge.Contracts.Messages;

namespace Relay.Core.Alerts;

/// <summary>
/// A validated event on its way into the store. <see cref="CanonicalJson"/> is the event as the contract serializer
/// writes it; a resent copy of the same event gives the same text, so a different text under the same seq is a
/// conflict (a box that lost its sequence counter), not a duplicate.
/// </summary>
public sealed record IncomingEvent(AlertEvent Event, string CanonicalJson, DateTimeOffset ReceivedAt);
