namespace FaultInjection.Tests.Lab;

/// <summary>What one box was asked to do and what it confirmed it had stored, for the final reckoning.</summary>
internal sealed class Ledger
{
    private long _issued;
    private long _confirmed;
    private long _uncertain;

    /// <summary>Presses the box's API accepted.</summary>
    public long Issued => Interlocked.Read(ref _issued);

    /// <summary>Presses seen stored in the box's outbox (its last sequence number moved on after the press).</summary>
    public long Confirmed => Interlocked.Read(ref _confirmed);

    /// <summary>
    /// Presses whose request got no answer (a timeout, a connection reset once sent): the box may have pressed or not,
    /// so they may be stored or not.
    /// </summary>
    public long Uncertain => Interlocked.Read(ref _uncertain);

    public void PressIssued() => Interlocked.Increment(ref _issued);

    public void PressUncertain() => Interlocked.Increment(ref _uncertain);

    public void PressConfirmed() => Interlocked.Increment(ref _confirmed);
}
