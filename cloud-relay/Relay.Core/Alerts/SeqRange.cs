namespace Relay.Core.Alerts;

/// <summary>An inclusive range of sequence numbers.</summary>
public readonly record struct SeqRange(long From, long To);
