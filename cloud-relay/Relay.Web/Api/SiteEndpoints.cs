using Relay.Core.Alerts;
using Relay.Core.Devices;
using Relay.Core.Sites;

namespace Relay.Web.Api;

public static class SiteEndpoints
{
    /// <summary><c>GET /api/sites</c>: every registered device with its live state, ordered by site then device.</summary>
    public static void MapSiteEndpoints(this IEndpointRouteBuilder app) => app.MapGet("/api/sites", async (
        IDeviceStore devices,
        IAlertStore alerts,
        SiteStateTracker sites,
        CancellationToken cancellationToken) =>
    {
        var response = new List<SiteResponse>();
        foreach (var device in await devices.ListDevicesAsync(cancellationToken).ConfigureAwait(false))
        {
            var status = sites.Get(device.Id);
            var lastAlert = await alerts.GetLatestAlertAsync(device.Id, cancellationToken).ConfigureAwait(false);
            var sequence = await alerts.GetSequenceAsync(device.Id, cancellationToken).ConfigureAwait(false);
            response.Add(new SiteResponse(
                device.Id.Site,
                device.Id.Device,
                status.State,
                status.Connectivity,
                status.LastSeenAt,
                status.LastHeartbeatAt,
                status.OutboxDepth,
                status.Faults,
                status.Drill,
                status.SoftwareVersion,
                status.Board,
                status.SiteName,
                status.OpenAlerts,
                lastAlert,
                new SequenceResponse(sequence.HighestContiguous, sequence.HighestReceived, sequence.Gaps)));
        }

        return Results.Ok(response.OrderBy(s => s.Site, StringComparer.Ordinal).ThenBy(s => s.Device, StringComparer.Ordinal));
    });
}
