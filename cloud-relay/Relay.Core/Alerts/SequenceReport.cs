namespace Relay.Core.Alerts;

/// <summary>
/// How far a device's events have arrived. Every seq up to <see cref="HighestContiguous"/> is stored; each gap is a
/// range of events the box has sent (later ones arrived) but that have not arrived yet.
/// </summary>
public sealed record SequenceReport(string Site, string Device, long HighestContiguous, long HighestReceived, IReadOnlyList<SeqRange> Gaps);
