namespace Edge.Contracts.Messages;

/// <summary>
/// On <c>edge/v1/{site}/{device}/receipts</c>: what the relay has committed to its store. Published only after the
/// commit, so that the box may forget an event or snapshot once, and only once, it is safe at the relay.
/// </summary>
public sealed record ReceiptMessage
{
    public int V { get; init; } = ContractVersion.Current;

    public IReadOnlyList<EventReceipt> Events { get; init; } = [];

    public IReadOnlyList<SnapshotReceipt> Snapshots { get; init; } = [];
}

public sealed record EventReceipt(long Seq, Guid? AlertId = null);

public sealed record SnapshotReceipt(Guid AlertId, int Index);
