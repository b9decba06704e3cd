using Edge.Contracts.Messages;
using Edge.Contracts.Serialization;
using Edge.Contracts.Topics;
using Edge.Core.Outbox;
using Edge.Core.Scenarios;

namespace Edge.Uplink.Draining;

/// <summary>
/// Sends the outbox to the relay in sequence order, keeping at most a window of entries sent and not yet receipted.
/// An entry is retired only when the relay's receipt for it arrives (a broker's PUBACK is not enough: brokers lose
/// queued messages on restart); one not receipted within the timeout is sent again, and after a reconnect everything
/// unreceipted is sent again from the start. The relay drops the duplicates. Events always go before snapshots.
/// </summary>
/// <param name="publish">Publishes at QoS 1; false (or an exception) when the link failed, which stops the pump.</param>
public sealed class OutboxDrainer(
    IOutbox outbox,
    DeviceIdentity device,
    Func<string, byte[], CancellationToken, Task<bool>> publish,
    UplinkOptions options,
    TimeProvider time)
{
    private readonly object _gate = new();
    private readonly SortedDictionary<long, long> _eventsInFlight = [];
    private readonly Dictionary<(Guid AlertId, int Index), long> _snapshotsInFlight = [];
    private long _cursor;
    private long _sent;
    private long _resent;
    private long _receipts;
    private int _publishWindow = PublishWindow(options, brokerReceiveMaximum: 0);

    /// <summary>Events and snapshots published so far (first sends).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Publishes that were repeats: after a timeout or a reconnect.</summary>
    public long Resent => Interlocked.Read(ref _resent);

    /// <summary>Receipts received from the relay.</summary>
    public long Receipts => Interlocked.Read(ref _receipts);

    public int EventsInFlight
    {
        get
        {
            lock (_gate)
            {
                return _eventsInFlight.Count;
            }
        }
    }

    /// <summary>
    /// A new connection: nothing sent on the old one can be assumed to have arrived. <paramref name="brokerReceiveMaximum"/>
    /// is the broker's Receive Maximum (MQTT 5; 0 when it gave none): publishes awaiting their PUBACK never exceed it.
    /// </summary>
    public void Reset(int brokerReceiveMaximum = 0)
    {
        Volatile.Write(ref _publishWindow, PublishWindow(options, brokerReceiveMaximum));
        lock (_gate)
        {
            _eventsInFlight.Clear();
            _snapshotsInFlight.Clear();
            _cursor = 0;
        }
    }

    private static int PublishWindow(UplinkOptions options, int brokerReceiveMaximum)
    {
        var window = Math.Max(1, options.MaxPublishesInFlight);
        return brokerReceiveMaximum > 0 ? Math.Min(window, brokerReceiveMaximum) : window;
    }

    /// <summary>The relay has committed these: forget them for good.</summary>
    public void OnReceipt(ReceiptMessage receipt)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        Interlocked.Increment(ref _receipts);
        var seqs = receipt.Events.Select(e => e.Seq).ToList();
        var snapshots = receipt.Snapshots.Select(s => (s.AlertId, s.Index)).ToList();
        lock (_gate)
        {
            foreach (var seq in seqs)
            {
                _eventsInFlight.Remove(seq);
            }

            foreach (var snapshot in snapshots)
            {
                _snapshotsInFlight.Remove(snapshot);
            }
        }

        if (seqs.Count > 0)
        {
            outbox.RetireEvents(seqs);
        }

        if (snapshots.Count > 0)
        {
            outbox.RetireSnapshots(snapshots);
        }
    }

    /// <summary>When the oldest unreceipted entry is due to be sent again, or null if nothing waits for a receipt.</summary>
    public TimeSpan? NextResendIn()
    {
        lock (_gate)
        {
            var oldest = _eventsInFlight.Values.Concat(_snapshotsInFlight.Values).DefaultIfEmpty(long.MaxValue).Min();
            if (oldest == long.MaxValue)
            {
                return null;
            }

            var due = options.ReceiptTimeout - time.GetElapsedTime(oldest);
            return due > TimeSpan.Zero ? due : TimeSpan.Zero;
        }
    }

    /// <summary>Sends what the window allows, resends what timed out. Returns false when the link failed.</summary>
    public async Task<bool> PumpAsync(CancellationToken cancellationToken)
    {
        if (!await ResendTimedOutEventsAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        while (true)
        {
            int room;
            long after;
            lock (_gate)
            {
                room = options.MaxEventsInFlight - _eventsInFlight.Count;
                after = _cursor;
            }

            if (room <= 0)
            {
                return true;
            }

            var events = outbox.ReadEvents(after, room);
            if (!await SendEventsAsync(events, resend: false, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            if (events.Count < room)
            {
                // Every event is on its way: only now may snapshots use the link.
                return await PumpSnapshotsAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<bool> ResendTimedOutEventsAsync(CancellationToken cancellationToken)
    {
        List<long> due;
        lock (_gate)
        {
            due = [.. _eventsInFlight.Where(p => time.GetElapsedTime(p.Value) >= options.ReceiptTimeout).Select(p => p.Key)];
        }

        if (due.Count == 0)
        {
            return true;
        }

        var dueSet = due.ToHashSet();
        var pending = outbox.ReadEvents(due[0] - 1, (int)Math.Min(int.MaxValue, due[^1] - due[0] + 1)).Where(e => dueSet.Contains(e.Seq)).ToList();
        if (!await SendEventsAsync(pending, resend: true, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        // Whatever was due and is no longer in the outbox was receipted meanwhile. Only that: an event sent again stays
        // in flight however long its publish took (judged by its age, one whose PUBACK came after the receipt timeout
        // was dropped from flight behind the cursor, and never sent again until the next reconnect).
        var resent = pending.Select(e => e.Seq).ToHashSet();
        lock (_gate)
        {
            foreach (var seq in due.Where(s => !resent.Contains(s)))
            {
                _eventsInFlight.Remove(seq);
            }
        }

        return true;
    }

    /// <summary>
    /// Publishes <paramref name="events"/> in sequence order, a window of them awaiting the broker's PUBACK at a time
    /// (the client writes them to the connection in the order they are started). Each is in flight from before its
    /// publish, so that a receipt quicker than the PUBACK finds it.
    /// </summary>
    private async Task<bool> SendEventsAsync(IReadOnlyList<AlertEvent> events, bool resend, CancellationToken cancellationToken)
    {
        var window = Volatile.Read(ref _publishWindow);
        for (var start = 0; start < events.Count; start += window)
        {
            var chunk = events.Skip(start).Take(window).ToList();
            lock (_gate)
            {
                var now = time.GetTimestamp();
                foreach (var e in chunk)
                {
                    _eventsInFlight[e.Seq] = now;
                    _cursor = Math.Max(_cursor, e.Seq);
                }
            }

            var publishes = chunk.Select(e => publish(TopicNames.Alerts(device.Site, device.Device), ContractSerializer.Serialize(e), cancellationToken)).ToList();
            var results = await Task.WhenAll(publishes).ConfigureAwait(false);
            var published = results.Count(ok => ok);
            Interlocked.Add(ref resend ? ref _resent : ref _sent, published);
            if (published < results.Length)
            {
                // The link failed: what did not go is not in flight, and the next pump starts again from the first of
                // it (a reconnect's Reset forgets everything anyway).
                lock (_gate)
                {
                    var failed = chunk.Where((_, i) => !results[i]).Select(e => e.Seq).ToList();
                    failed.ForEach(seq => _eventsInFlight.Remove(seq));
                    _cursor = Math.Min(_cursor, failed.Min() - 1);
                }

                return false;
            }
        }

        return true;
    }

    private async Task<bool> PumpSnapshotsAsync(CancellationToken cancellationToken)
    {
        List<OutboxSnapshot> toSend;
        lock (_gate)
        {
            var room = options.MaxSnapshotsInFlight - _snapshotsInFlight.Count(p => time.GetElapsedTime(p.Value) < options.ReceiptTimeout);
            if (room <= 0)
            {
                return true;
            }

            toSend = [];
            foreach (var snapshot in outbox.ReadSnapshots(options.MaxSnapshotsInFlight + _snapshotsInFlight.Count))
            {
                var key = (snapshot.AlertId, snapshot.Index);
                var waiting = _snapshotsInFlight.TryGetValue(key, out var at) && time.GetElapsedTime(at) < options.ReceiptTimeout;
                if (!waiting && toSend.Count < room)
                {
                    toSend.Add(snapshot);
                }
            }
        }

        foreach (var snapshot in toSend)
        {
            var topic = TopicNames.Media(device.Site, device.Device, snapshot.AlertId, snapshot.Index);
            if (!await publish(topic, snapshot.Jpeg.ToArray(), cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            bool resend;
            lock (_gate)
            {
                resend = _snapshotsInFlight.ContainsKey((snapshot.AlertId, snapshot.Index));
                _snapshotsInFlight[(snapshot.AlertId, snapshot.Index)] = time.GetTimestamp();
            }

            Interlocked.Increment(ref resend ? ref _resent : ref _sent);
        }

        return true;
    }
}
