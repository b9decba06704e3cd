using Edge.Contracts.Messages;
using Relay.Core.Alerts;

namespace Relay.Web.Api;

/// <summary>An alert with its events in seq order.</summary>
public sealed record AlertResponse(AlertSummary Alert, IReadOnlyList<EventResponse> Events)
{
    public static AlertResponse From(AlertView view) =>
        new(view.Alert, view.Events.Select(e => new EventResponse(e.ReceivedAt, e.Event)).ToList());
}

/// <summary>One event: when the relay received it, and the event as the box sent it.</summary>
public sealed record EventResponse(DateTimeOffset ReceivedAt, AlertEvent Event);

public sealed record SnapshotResponse(int Index, int Size, DateTimeOffset ReceivedAt, string Url);
