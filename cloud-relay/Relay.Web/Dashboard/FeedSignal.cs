using Relay.Core.Audit;
using Relay.Core.Devices;

namespace Relay.Web.Dashboard;

/// <summary>Something the dashboard should hear about. Small and cheap to raise: the feed's pump looks up the rest.</summary>
public abstract record FeedSignal
{
    public static FeedSignal ForAlert(Guid alertId, string change) => new AlertChanged(alertId, change);

    public static FeedSignal ForDevice(DeviceId device) => new DeviceChanged(device);

    public static FeedSignal ForCommand(Guid commandId) => new CommandChanged(commandId);

    public static FeedSignal ForAudit(AuditEntry entry) => new AuditAppended(entry);
}

/// <summary><paramref name="Change"/>: the event kind stored (raised, acknowledged...), <c>snapshot</c>, or the crisis
/// cell's own <c>acknowledge</c>/<c>close</c>.</summary>
public sealed record AlertChanged(Guid AlertId, string Change) : FeedSignal;

public sealed record DeviceChanged(DeviceId Device) : FeedSignal;

public sealed record CommandChanged(Guid CommandId) : FeedSignal;

public sealed record AuditAppended(AuditEntry Entry) : FeedSignal;
