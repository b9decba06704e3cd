using Edge.Contracts.Messages;
using Edge.Core.Outbox;

namespace Edge.Testing.Outbox;

/// <summary>An outbox in a list, for tests of what uses an outbox. <see cref="BeforeAppend"/> can make storage slow.</summary>
public sealed class InMemoryOutbox : IOutbox
{
    private readonly object _gate = new();
    private readonly List<AlertEvent> _events = [];
    private readonly List<OutboxSnapshot> _snapshots = [];
    private long _lastSeq;

    public event EventHandler? Appended;

    /// <summary>Every event ever appended, retired or not, in order.</summary>
    public List<AlertEvent> History { get; } = [];

    public Func<AlertEvent, Task>? BeforeAppend { get; set; }

    public OutboxHealth Health
    {
        get
        {
            lock (_gate)
            {
                return new OutboxHealth { PendingEvents = _events.Count, PendingSnapshots = _snapshots.Count, LastSeq = _lastSeq };
            }
        }
    }

    public async ValueTask<AlertEvent> AppendAsync(AlertEvent draft, CancellationToken cancellationToken = default)
    {
        if (BeforeAppend is { } before)
        {
            await before(draft);
        }

        AlertEvent stored;
        lock (_gate)
        {
            stored = draft with { Seq = ++_lastSeq };
            _events.Add(stored);
            History.Add(stored);
        }

        Appended?.Invoke(this, EventArgs.Empty);
        return stored;
    }

    public ValueTask AppendSnapshotAsync(Guid alertId, int index, ReadOnlyMemory<byte> jpeg, DateTimeOffset takenAt, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _snapshots.Add(new OutboxSnapshot(alertId, index, takenAt, jpeg.ToArray()));
        }

        Appended?.Invoke(this, EventArgs.Empty);
        return ValueTask.CompletedTask;
    }

    public IReadOnlyList<AlertEvent> ReadEvents(long afterSeq, int max)
    {
        lock (_gate)
        {
            return [.. _events.Where(e => e.Seq > afterSeq).Take(max)];
        }
    }

    public IReadOnlyList<OutboxSnapshot> ReadSnapshots(int max)
    {
        lock (_gate)
        {
            return [.. _snapshots.Take(max)];
        }
    }

    public void RetireEvents(IReadOnlyCollection<long> seqs)
    {
        lock (_gate)
        {
            _events.RemoveAll(e => seqs.Contains(e.Seq));
        }
    }

    public void RetireSnapshots(IReadOnlyCollection<(Guid AlertId, int Index)> snapshots)
    {
        lock (_gate)
        {
            _snapshots.RemoveAll(s => snapshots.Contains((s.AlertId, s.Index)));
        }
    }
}
