using System.Text.Json;
using Edge.Contracts.Messages;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Relay.Core.Alerts;
using Relay.Core.Commands;
using Relay.Core.Ingest;
using Relay.Core.Sites;
using Relay.Web.Api;
using Relay.Web.Commands;

namespace Relay.Web.Dashboard;

/// <summary>
/// Feeds the dashboard: listens to ingest (events and snapshots stored, devices heard from) and to the supervision
/// check (devices gone silent), and turns every signal into a message with the current state of what changed, so
/// that browsers update without asking. Ingest only queues a signal; the store is read here, off its path.
/// </summary>
public sealed partial class FeedPump(
    DashboardFeed feed,
    IngestProcessor ingest,
    SiteStateTracker sites,
    IAlertStore alerts,
    CommandLedger commands,
    SiteViews siteViews,
    IOptions<JsonOptions> jsonOptions,
    ILogger<FeedPump> logger) : BackgroundService
{
    private readonly JsonSerializerOptions _json = jsonOptions.Value.SerializerOptions;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        ingest.Processed += OnIngested;
        sites.Transitioned += OnTransitioned;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        ingest.Processed -= OnIngested;
        sites.Transitioned -= OnTransitioned;
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var signal in feed.Signals.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    if (await ToMessageAsync(signal, stoppingToken).ConfigureAwait(false) is { } message)
                    {
                        feed.Broadcast(message);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // One bad lookup must not end the feed for everybody; browsers resync on their next reconnect.
                    LogSignalFailed(logger, signal.GetType().Name, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void OnIngested(IngestNotice notice)
    {
        foreach (var stored in notice.Events)
        {
            var e = stored.Event;
            if (e.AlertId is { } alertId)
            {
                feed.Publish(FeedSignal.ForAlert(alertId, KindName(e.Kind)));
            }

            if (e.CommandId is { } commandId)
            {
                feed.Publish(FeedSignal.ForCommand(commandId));
            }
        }

        foreach (var snapshot in notice.Snapshots)
        {
            feed.Publish(FeedSignal.ForAlert(snapshot.AlertId, "snapshot"));
        }

        foreach (var device in notice.Devices)
        {
            feed.Publish(FeedSignal.ForDevice(device));
        }
    }

    private void OnTransitioned(DeviceTransition transition) => feed.Publish(FeedSignal.ForDevice(transition.Device));

    private async Task<FeedMessage?> ToMessageAsync(FeedSignal signal, CancellationToken cancellationToken)
    {
        switch (signal)
        {
            case AlertChanged a when await alerts.GetAlertAsync(a.AlertId, cancellationToken).ConfigureAwait(false) is { } view:
                return Message("alert", new AlertFeedItem(a.Change, view.Alert));
            case DeviceChanged d when await siteViews.FindAsync(d.Device, cancellationToken).ConfigureAwait(false) is { } site:
                return Message("site", site);
            case CommandChanged c when await commands.GetAsync(c.CommandId, cancellationToken).ConfigureAwait(false) is { } command:
                return Message("command", CommandResponse.From(command));
            case AuditAppended entry:
                return Message("audit", entry.Entry);
            default:
                return null;
        }
    }

    private FeedMessage Message<T>(string type, T data) => new(type, JsonSerializer.Serialize(data, _json));

    private static string KindName(AlertEventKind kind) => JsonSerializer.Serialize(kind).Trim('"');

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard feed could not follow a {Signal}")]
    private static partial void LogSignalFailed(ILogger logger, string signal, Exception exception);
}

/// <summary>The data of an <c>alert</c> message: what happened (<see cref="Change"/>) and the alert as it now is.</summary>
public sealed record AlertFeedItem(string Change, AlertSummary Alert);
