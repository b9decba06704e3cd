using Microsoft.Extensions.Logging;
using Relay.Core.Alerts;
using Relay.Core.Devices;
using Relay.Core.Sites;

namespace Relay.Core.Ingest;

/// <summary>
/// Everything ingest does that does not need MQTT: read and check each message of a batch, commit the batch's events
/// and snapshots in one durable transaction, update site state, and say which receipts to publish. Messages are
/// taken in arrival order, so a device's events reach the store in the order the broker delivered them.
/// </summary>
public sealed partial class IngestProcessor(
    IAlertStore store,
    IDeviceStore devices,
    SiteStateTracker sites,
    IngestCounters counters,
    TimeProvider timeProvider,
    ILogger<IngestProcessor> logger)
{
    private readonly RateLimitedLog _rejectionLog = new(timeProvider);

    /// <summary>
    /// Raised after each batch that stored something new or heard from a device, after the commit. Handlers run on
    /// the ingest path: they must be quick and must not block (the dashboard feed only queues).
    /// </summary>
    public event Action<IngestNotice>? Processed;

    public async Task<IngestResult> ProcessAsync(IReadOnlyList<InboundMessage> batch, CancellationToken cancellationToken)
    {
        var receivedAt = timeProvider.GetUtcNow();
        var events = new List<IncomingEvent>();
        var snapshots = new List<IncomingSnapshot>();
        var transitions = new List<DeviceTransition>();
        var registered = new Dictionary<DeviceId, bool>();
        var heardFrom = new HashSet<DeviceId>();

        foreach (var message in batch)
        {
            var item = MessageReader.Read(message);
            if (item is Rejection rejection)
            {
                Reject(message.Topic, rejection);
                continue;
            }

            var device = DeviceOf(item);
            if (!registered.TryGetValue(device, out var known))
            {
                known = await devices.FindDeviceAsync(device, cancellationToken).ConfigureAwait(false) is not null;
                registered[device] = known;
            }

            if (!known)
            {
                Reject(message.Topic, new Rejection(RejectionReason.UnknownDevice, $"{device.Username} is not registered"));
                continue;
            }

            heardFrom.Add(device);
            switch (item)
            {
                case InboundEvent e:
                    events.Add(new IncomingEvent(e.Event, e.CanonicalJson, receivedAt));
                    break;
                case InboundSnapshot s:
                    snapshots.Add(new IncomingSnapshot(device, s.AlertId, s.Index, s.Jpeg, receivedAt));
                    break;
                case InboundStatus s:
                    Collect(transitions, sites.OnStatus(s.Status));
                    break;
                case InboundHeartbeat h:
                    Collect(transitions, sites.OnHeartbeat(h.Heartbeat));
                    break;
            }
        }

        if (events.Count == 0 && snapshots.Count == 0)
        {
            Notify(new IngestNotice([], [], [.. heardFrom]));
            return new IngestResult([], transitions);
        }

        BatchCommit commit;
        try
        {
            commit = await store.CommitBatchAsync(events, snapshots, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing is receipted, so every box keeps its entries and resends them: no loss, only delay.
            counters.AddStoreFailure();
            LogStoreFailed(logger, events.Count, snapshots.Count, ex);
            return new IngestResult([], transitions);
        }

        var stored = new List<StoredEvent>();
        for (var i = 0; i < events.Count; i++)
        {
            if (commit.Events[i].Outcome == StoreOutcome.Stored)
            {
                Collect(transitions, sites.OnEvent(events[i].Event));
                stored.Add(new StoredEvent(events[i].Event, events[i].ReceivedAt));
            }
        }

        Count(commit);
        Notify(new IngestNotice(stored, commit.Snapshots.Where(s => s.Outcome == StoreOutcome.Stored).ToList(), [.. heardFrom]));
        return new IngestResult(ReceiptBuilder.Build(commit), transitions);
    }

    private static DeviceId DeviceOf(InboundItem item) => item switch
    {
        InboundEvent e => e.Device,
        InboundSnapshot s => s.Device,
        InboundStatus s => s.Device,
        InboundHeartbeat h => h.Device,
        _ => throw new ArgumentOutOfRangeException(nameof(item)),
    };

    private static void Collect(List<DeviceTransition> transitions, DeviceTransition? transition)
    {
        if (transition is not null)
        {
            transitions.Add(transition);
        }
    }

    private void Count(BatchCommit commit)
    {
        counters.AddEventsStored(commit.Events.Count(x => x.Outcome == StoreOutcome.Stored));
        counters.AddEventsDuplicate(commit.Events.Count(x => x.Outcome == StoreOutcome.Duplicate));
        counters.AddEventConflicts(commit.Events.Count(x => x.Outcome == StoreOutcome.Conflict));
        counters.AddSnapshotsStored(commit.Snapshots.Count(x => x.Outcome == StoreOutcome.Stored));
        counters.AddSnapshotsDuplicate(commit.Snapshots.Count(x => x.Outcome != StoreOutcome.Stored));
    }

    private void Notify(IngestNotice notice)
    {
        if (notice.Events.Count == 0 && notice.Snapshots.Count == 0 && notice.Devices.Count == 0)
        {
            return;
        }

        try
        {
            Processed?.Invoke(notice);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A live view's bug must never stop ingest: what is stored is stored, receipts still go out.
            LogNotifyFailed(logger, ex);
        }
    }

    private void Reject(string topic, Rejection rejection)
    {
        var key = rejection.Reason.Key();
        counters.Rejected.Increment(key);
        if (_rejectionLog.TryAcquire(key, out var suppressed))
        {
            LogRejected(logger, key, LogText.Printable(topic), LogText.Printable(rejection.Detail), suppressed);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected message ({Reason}) on topic '{Topic}': {Detail} [{Suppressed} similar rejections not logged before this one]")]
    private static partial void LogRejected(ILogger logger, string reason, string topic, string detail, long suppressed);

    [LoggerMessage(Level = LogLevel.Error, Message = "A listener of ingest failed; ingest goes on")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not store a batch of {Events} events and {Snapshots} snapshots; no receipt sent, the boxes will resend")]
    private static partial void LogStoreFailed(ILogger logger, int events, int snapshots, Exception exception);
}
