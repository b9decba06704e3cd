using System.Collections.Concurrent;

namespace Relay.Core.Ingest;

/// <summary>Thread-safe counts per reason, for <c>/health</c>.</summary>
public sealed class ReasonCounters
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public void Increment(string reason) => _counts.AddOrUpdate(reason, 1, (_, count) => count + 1);

    public long this[string reason] => _counts.TryGetValue(reason, out var count) ? count : 0;

    public long Total => _counts.Values.Sum();

    public IReadOnlyDictionary<string, long> Snapshot() =>
        new SortedDictionary<string, long>(_counts.ToDictionary(x => x.Key, x => x.Value), StringComparer.Ordinal);
}
