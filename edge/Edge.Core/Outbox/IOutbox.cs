using Edge.Contracts.Messages;

namespace Edge.Core.Outbox;

/// <summary>
/// The box's durable queue of everything it must tell the relay, in order. An event is appended once, gets the
/// next per-device sequence number, and stays until the relay's receipt retires it. Appends are on stable storage
/// when they return; if the storage fails (disk full, damaged file), the outbox keeps the entry in memory, still
/// serves it to the uplink, reports the fault in <see cref="Health"/>, and writes it as soon as it can. It never
/// drops an entry.
/// </summary>
public interface IOutbox
{
    /// <summary>Raised after every append, so that the uplink wakes up without polling.</summary>
    event EventHandler? Appended;

    OutboxHealth Health { get; }

    /// <summary>Assigns the next sequence number to <paramref name="draft"/> (its Seq is ignored) and stores it.</summary>
    ValueTask<AlertEvent> AppendAsync(AlertEvent draft, CancellationToken cancellationToken = default);

    /// <summary>Stores snapshot <paramref name="index"/> of an alert. Snapshots go after events (lower priority).</summary>
    ValueTask AppendSnapshotAsync(Guid alertId, int index, ReadOnlyMemory<byte> jpeg, DateTimeOffset takenAt, CancellationToken cancellationToken = default);

    /// <summary>Unretired events with a sequence number above <paramref name="afterSeq"/>, in order.</summary>
    IReadOnlyList<AlertEvent> ReadEvents(long afterSeq, int max);

    /// <summary>Unretired snapshots, oldest first.</summary>
    IReadOnlyList<OutboxSnapshot> ReadSnapshots(int max);

    /// <summary>Forgets events the relay has receipted. Unknown sequence numbers are ignored (receipts can repeat).</summary>
    void RetireEvents(IReadOnlyCollection<long> seqs);

    void RetireSnapshots(IReadOnlyCollection<(Guid AlertId, int Index)> snapshots);
}
