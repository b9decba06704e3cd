namespace Hardware.Sip.Transactions;

/// <summary>The RFC 3261 §17 timer base values; the derived timers follow Table 4 of the RFC.</summary>
public sealed record SipTimers
{
    /// <summary>RTT estimate, default 500 ms.</summary>
    public TimeSpan T1 { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Maximum retransmit interval for non-INVITE requests, default 4 s.</summary>
    public TimeSpan T2 { get; init; } = TimeSpan.FromSeconds(4);

    /// <summary>Maximum time a message stays in the network, default 5 s.</summary>
    public TimeSpan T4 { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Timer B and F: 64·T1, the transaction timeout.</summary>
    public TimeSpan TransactionTimeout => T1 * 64;

    /// <summary>Timer D: wait for response retransmissions after ACKing a non-2xx final, ≥ 32 s over UDP.</summary>
    public TimeSpan TimerD { get; init; } = TimeSpan.FromSeconds(32);

    /// <summary>Timer K: wait for response retransmissions after a non-INVITE final, T4 over UDP.</summary>
    public TimeSpan TimerK => T4;
}
