using Relay.Core.Alerts;
using Relay.Core.Devices;
using Relay.Core.Sites;

namespace Relay.Web.Api;

/// <summary>Builds the overview of a device (live state, last alert, sequence) for <c>/api/sites</c> and the live feed.</summary>
public sealed class SiteViews(IDeviceStore devices, IAlertStore alerts, SiteStateTracker sites)
{
    public async Task<IReadOnlyList<SiteResponse>> AllAsync(CancellationToken cancellationToken)
    {
        var response = new List<SiteResponse>();
        foreach (var device in await devices.ListDevicesAsync(cancellationToken).ConfigureAwait(false))
        {
            response.Add(await BuildAsync(device.Id, cancellationToken).ConfigureAwait(false));
        }

        return [.. response.OrderBy(s => s.Site, StringComparer.Ordinal).ThenBy(s => s.Device, StringComparer.Ordinal)];
    }

    /// <summary>Null when the device is not (or no longer) registered.</summary>
    public async Task<SiteResponse?> FindAsync(DeviceId device, CancellationToken cancellationToken) =>
        await devices.FindDeviceAsync(device, cancellationToken).ConfigureAwait(false) is null
            ? null
            : await BuildAsync(device, cancellationToken).ConfigureAwait(false);

    private async Task<SiteResponse> BuildAsync(DeviceId device, CancellationToken cancellationToken)
    {
        var status = sites.Get(device);
        var lastAlert = await alerts.GetLatestAlertAsync(device, cancellationToken).ConfigureAwait(false);
        var sequence = await alerts.GetSequenceAsync(device, cancellationToken).ConfigureAwait(false);
        return new SiteResponse(
            device.Site,
            device.Device,
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
            new SequenceResponse(sequence.HighestContiguous, sequence.HighestReceived, sequence.Gaps));
    }
}
