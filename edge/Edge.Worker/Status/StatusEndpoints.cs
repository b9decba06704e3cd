using Edge.Core.Health;
using Edge.Core.Outbox;
using Edge.Core.Scenarios;
using Edge.Uplink.Draining;
using Edge.Worker.Hardware;
using Edge.Worker.Uplink;

namespace Edge.Worker.Status;

/// <summary>The local API's read side: <c>GET /health</c> and <c>GET /status</c>.</summary>
public static class StatusEndpoints
{
    public static void MapStatusEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", (ScenarioEngine engine, IOutbox outbox, FaultRegistry faults, LinkStatus link) =>
        {
            var outboxHealth = outbox.Health;
            var healthy = outboxHealth.Fault is null;
            return Results.Json(new
            {
                status = healthy ? (faults.Any ? "degraded" : "ok") : "storage-failure",
                site = engine.Identity.Site,
                device = engine.Identity.Device,
                outbox = new { outboxHealth.PendingEvents, outboxHealth.PendingSnapshots, outboxHealth.InMemoryOnly, outboxHealth.Fault },
                link = link.IsStandalone ? "standalone" : link.IsConnected ? "connected" : "disconnected",
                faults = faults.Current.Count,
            }, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });

        app.MapGet("/status", (ScenarioEngine engine, SiteHardware hardware, IOutbox outbox, FaultRegistry faults, LinkStatus link, StatusIndicator indicator, UplinkService uplink) =>
            Results.Json(Build(engine, hardware, outbox, faults, link, indicator, uplink.Uplink?.Drainer)));
    }

    public static StatusReport Build(ScenarioEngine engine, SiteHardware hardware, IOutbox outbox, FaultRegistry faults, LinkStatus link, StatusIndicator indicator, OutboxDrainer? drainer = null)
    {
        var site = engine.Site;
        var inputs = site.Buttons.Select(b =>
        {
            var watcher = hardware.Buttons[b.Id];
            return new InputReport(b.Id, b.Name, b.Pin, Kebab(b.Wiring.ToString()), watcher.State, watcher.MissedEdges);
        }).ToList();
        var outputs = site.Outputs.Select(o =>
        {
            var output = hardware.Outputs[o.Id];
            return new OutputReport(o.Id, o.Name, Kebab(o.Kind.ToString()), o.Pin, output.IsOn, output.Pattern?.Name, output.StopsAt);
        }).ToList();
        var alerts = engine.Alerts.Select(a => new AlertReport(
            a.Id, a.Scenario.Id, a.Scenario.Name, a.Trigger.ButtonId, a.Trigger.Gesture.Name, Kebab(a.State.ToString()), a.Drill, a.Scenario.Silent,
            a.Trigger.EdgeTime, a.AcknowledgedBy, a.Events)).ToList();

        return new StatusReport(
            site.Site.Id,
            site.Site.Name,
            site.Device.Id,
            new BoardReport(Kebab(hardware.Board.Kind.ToString()), hardware.Board.Description, hardware.Board.IsVirtual),
            inputs,
            outputs,
            Kebab(indicator.Current.ToString()),
            outbox.Health,
            new LinkReport(!link.IsStandalone, link.IsConnected, link.Since, link.LastError,
                drainer is null ? null : new DeliveryReport(drainer.Sent, drainer.Resent, drainer.EventsInFlight, drainer.Receipts)),
            engine.DrillMode,
            engine.LastPressAt,
            faults.Current,
            alerts);
    }

    /// <summary>NormallyClosed → normally-closed: the words of the site file.</summary>
    public static string Kebab(string pascal) =>
        string.Concat(pascal.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
