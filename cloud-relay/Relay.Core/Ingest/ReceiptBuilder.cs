using Edge.Contracts;
using Edge.Contracts.Messages;
using Relay.Core.Alerts;
using Relay.Core.Devices;

namespace Relay.Core.Ingest;

/// <summary>
/// One receipt per device per committed batch, listing every event and snapshot of the batch whatever its outcome:
/// a duplicate is receipted again because the box resends exactly when an earlier receipt was lost.
/// </summary>
public static class ReceiptBuilder
{
    public static IReadOnlyList<DeviceReceipt> Build(BatchCommit commit)
    {
        var events = new Dictionary<DeviceId, List<EventReceipt>>();
        var snapshots = new Dictionary<DeviceId, List<SnapshotReceipt>>();
        var order = new List<DeviceId>();
        foreach (var outcome in commit.Events)
        {
            var list = ListFor(events, outcome.Device, order);
            var receipt = new EventReceipt(outcome.Seq, outcome.AlertId);
            if (!list.Contains(receipt))
            {
                list.Add(receipt);
            }
        }

        foreach (var outcome in commit.Snapshots)
        {
            var list = ListFor(snapshots, outcome.Device, order);
            var receipt = new SnapshotReceipt(outcome.AlertId, outcome.Index);
            if (!list.Contains(receipt))
            {
                list.Add(receipt);
            }
        }

        var receipts = new List<DeviceReceipt>();
        foreach (var device in order.Distinct())
        {
            var deviceEvents = events.GetValueOrDefault(device) ?? [];
            var deviceSnapshots = snapshots.GetValueOrDefault(device) ?? [];
            foreach (var chunk in Chunk(deviceEvents, deviceSnapshots))
            {
                receipts.Add(new DeviceReceipt(device, chunk));
            }
        }

        return receipts;
    }

    private static List<T> ListFor<T>(Dictionary<DeviceId, List<T>> lists, DeviceId device, List<DeviceId> order)
    {
        if (!lists.TryGetValue(device, out var list))
        {
            list = [];
            lists[device] = list;
            order.Add(device);
        }

        return list;
    }

    /// <summary>Keeps each message within the contract's receipt limit.</summary>
    private static IEnumerable<ReceiptMessage> Chunk(List<EventReceipt> events, List<SnapshotReceipt> snapshots)
    {
        const int max = MessageLimits.MaxReceiptItems;
        var e = 0;
        var s = 0;
        while (e < events.Count || s < snapshots.Count)
        {
            var takeEvents = Math.Min(max, events.Count - e);
            var takeSnapshots = Math.Min(max - takeEvents, snapshots.Count - s);
            yield return new ReceiptMessage
            {
                Events = events.GetRange(e, takeEvents),
                Snapshots = snapshots.GetRange(s, takeSnapshots),
            };
            e += takeEvents;
            s += takeSnapshots;
        }
    }
}
