using System.Security.Claims;
using Edge.Contracts;
using Edge.Contracts.Messages;
using Edge.Contracts.Topics;
using Relay.Core.Alerts;
using Relay.Core.Audit;
using Relay.Core.Commands;
using Relay.Core.Devices;
using Relay.Ingest.Client;
using Relay.Web.Audit;
using Relay.Web.Dashboard;

namespace Relay.Web.Commands;

/// <summary>
/// What an operator does from the dashboard: acknowledge, silence the siren, close an alert, start and end a drill.
/// Each is recorded at the relay (who, when, comment), sent to the box(es) as a command through the command ledger
/// (pending until the box answers, re-sent when it comes back), audited, and announced on the live feed. Refusals
/// throw <see cref="ActionRefusedException"/> before anything is recorded or sent.
/// </summary>
public sealed class CrisisCellActions(
    IAlertStore alerts,
    IDeviceStore devices,
    RelayCommands commands,
    CommandLedger ledger,
    AuditTrail audit,
    IAuditLog auditLog,
    DashboardFeed feed,
    TimeProvider timeProvider)
{
    public async Task<ActionResponse> AcknowledgeAsync(HttpContext http, Guid alertId, string? comment, CancellationToken cancellationToken)
    {
        var (alert, device) = await FindAlertAsync(alertId, cancellationToken).ConfigureAwait(false);
        CheckComment(comment, required: false);
        var by = UserOf(http);
        var now = timeProvider.GetUtcNow();
        var command = await SendAsync(device, NewCommand(CommandKind.Acknowledge, by, now, alertId, comment), cancellationToken).ConfigureAwait(false);
        var summary = await alerts.RecordAcknowledgementAsync(alertId, by, now, cancellationToken).ConfigureAwait(false) ?? alert;
        return await FinishAsync(http, AuditActions.Acknowledge, AuditActions.AlertTarget(alertId), comment, summary, [command], cancellationToken).ConfigureAwait(false);
    }

    public async Task<ActionResponse> SilenceSirenAsync(HttpContext http, Guid alertId, string? comment, CancellationToken cancellationToken)
    {
        var (alert, device) = await FindAlertAsync(alertId, cancellationToken).ConfigureAwait(false);
        CheckComment(comment, required: false);
        var command = await SendAsync(device, NewCommand(CommandKind.SilenceSiren, UserOf(http), timeProvider.GetUtcNow(), alertId, comment), cancellationToken).ConfigureAwait(false);
        return await FinishAsync(http, AuditActions.SilenceSiren, AuditActions.AlertTarget(alertId), comment, alert, [command], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Closes the alert at the relay, then tells the box to clear it (outputs back to idle).</summary>
    public async Task<ActionResponse> CloseAsync(HttpContext http, Guid alertId, string? comment, CancellationToken cancellationToken)
    {
        var (alert, device) = await FindAlertAsync(alertId, cancellationToken).ConfigureAwait(false);
        CheckComment(comment, required: true);
        if (alert.ClosedAt is not null)
        {
            throw new ActionRefusedException(StatusCodes.Status409Conflict, $"Alert {alertId} was already closed by {alert.ClosedBy} at {alert.ClosedAt:O}.");
        }

        var by = UserOf(http);
        var now = timeProvider.GetUtcNow();
        var summary = await alerts.CloseAlertAsync(alertId, by, now, comment!.Trim(), cancellationToken).ConfigureAwait(false) ?? alert;
        var command = await SendAsync(device, NewCommand(CommandKind.Clear, by, now, alertId, comment), cancellationToken).ConfigureAwait(false);
        return await FinishAsync(http, AuditActions.Close, AuditActions.AlertTarget(alertId), comment, summary, [command], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts or ends exercise mode on every box of the site.</summary>
    public async Task<ActionResponse> DrillAsync(HttpContext http, string site, bool start, string? comment, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(site))
        {
            throw new ActionRefusedException(StatusCodes.Status400BadRequest, $"'{site}' is not a site identifier: {Identifiers.Rule}.");
        }

        CheckComment(comment, required: false);
        var boxes = (await devices.ListDevicesAsync(cancellationToken).ConfigureAwait(false)).Where(d => d.Id.Site == site).ToList();
        if (boxes.Count == 0)
        {
            throw new ActionRefusedException(StatusCodes.Status404NotFound, $"No box is registered for site '{site}' at this relay; nothing was sent.");
        }

        var by = UserOf(http);
        var now = timeProvider.GetUtcNow();
        var sent = new List<CommandRecord>();
        foreach (var box in boxes)
        {
            sent.Add(await SendAsync(box.Id, NewCommand(start ? CommandKind.DrillStart : CommandKind.DrillStop, by, now, null, comment), cancellationToken).ConfigureAwait(false));
        }

        return await FinishAsync(http, start ? AuditActions.DrillStart : AuditActions.DrillStop, AuditActions.SiteTarget(site), comment, null, sent, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The crisis cell's actions on a target (<c>alert:{id}</c>, <c>site:{site}</c>), oldest first, with
    /// where each command now stands.</summary>
    public async Task<IReadOnlyList<ActionResponse>> HistoryAsync(string target, CancellationToken cancellationToken)
    {
        string[] actions = [AuditActions.Acknowledge, AuditActions.SilenceSiren, AuditActions.Close, AuditActions.DrillStart, AuditActions.DrillStop];
        var entries = await auditLog.QueryAsync(new AuditQuery(AuditQuery.MaxLimit, Target: target), cancellationToken).ConfigureAwait(false);
        var history = new List<ActionResponse>();
        foreach (var entry in entries.Where(e => actions.Contains(e.Action)).Reverse())
        {
            var sent = new List<CommandResponse>();
            foreach (var id in entry.CommandIds)
            {
                if (await ledger.GetAsync(id, cancellationToken).ConfigureAwait(false) is { } command)
                {
                    sent.Add(CommandResponse.From(command));
                }
            }

            history.Add(new ActionResponse(entry, null, sent));
        }

        return history;
    }

    private async Task<(AlertSummary Alert, DeviceId Device)> FindAlertAsync(Guid alertId, CancellationToken cancellationToken)
    {
        var view = await alerts.GetAlertAsync(alertId, cancellationToken).ConfigureAwait(false)
            ?? throw new ActionRefusedException(StatusCodes.Status404NotFound, $"No alert {alertId}.");
        var device = new DeviceId(view.Alert.Site, view.Alert.Device);
        if (await devices.FindDeviceAsync(device, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new ActionRefusedException(StatusCodes.Status404NotFound,
                $"The box {device.Username} that raised alert {alertId} is no longer registered at this relay; nothing was sent.");
        }

        return (view.Alert, device);
    }

    private async Task<CommandRecord> SendAsync(DeviceId device, CommandMessage message, CancellationToken cancellationToken)
    {
        try
        {
            return await commands.SendAsync(device.Site, device.Device, message, cancellationToken).ConfigureAwait(false);
        }
        catch (UnknownDeviceException ex)
        {
            throw new ActionRefusedException(StatusCodes.Status404NotFound, ex.Message);
        }
    }

    private async Task<ActionResponse> FinishAsync(
        HttpContext http, string action, string target, string? comment, AlertSummary? alert, IReadOnlyList<CommandRecord> sent, CancellationToken cancellationToken)
    {
        var entry = await audit.RecordAsync(http, action, target, comment, [.. sent.Select(c => c.CommandId)], cancellationToken: cancellationToken).ConfigureAwait(false);
        if (alert is not null)
        {
            feed.Publish(FeedSignal.ForAlert(alert.AlertId, action));
        }

        foreach (var command in sent)
        {
            feed.Publish(FeedSignal.ForCommand(command.CommandId));
        }

        return new ActionResponse(entry, alert, [.. sent.Select(CommandResponse.From)]);
    }

    private CommandMessage NewCommand(CommandKind kind, string by, DateTimeOffset now, Guid? alertId, string? comment) => new()
    {
        CommandId = Guid.CreateVersion7(now),
        Kind = kind,
        IssuedAt = now,
        IssuedBy = by,
        AlertId = alertId,
        Comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim(),
    };

    private static void CheckComment(string? comment, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(comment))
        {
            throw new ActionRefusedException(StatusCodes.Status400BadRequest, "A comment is required to close an alert: say how it ended.");
        }

        if (comment is { Length: > MessageLimits.MaxTextLength })
        {
            throw new ActionRefusedException(StatusCodes.Status400BadRequest, $"The comment must be at most {MessageLimits.MaxTextLength} characters.");
        }
    }

    private static string UserOf(HttpContext http) =>
        http.User.FindFirstValue(ClaimTypes.Name) ?? throw new InvalidOperationException("An action reached the relay without a signed-in user.");
}
