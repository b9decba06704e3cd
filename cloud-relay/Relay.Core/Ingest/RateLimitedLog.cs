namespace Relay.Core.Ingest;

/// <summary>
/// Lets through at most <c>perWindow</c> log lines per key and window, and counts the rest, so that a device
/// flooding garbage fills a counter, not the disk. The next line let through reports how many were suppressed.
/// </summary>
public sealed class RateLimitedLog(TimeProvider timeProvider, int perWindow = 10, TimeSpan? window = null)
{
    private readonly TimeSpan _window = window ?? TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <summary>True if a line may be written now; <paramref name="suppressed"/> is how many were held back before it.</summary>
    public bool TryAcquire(string key, out long suppressed)
    {
        var now = timeProvider.GetUtcNow();
        lock (_gate)
        {
            if (!_buckets.TryGetValue(key, out var bucket) || now - bucket.WindowStart >= _window)
            {
                var carried = bucket?.Suppressed ?? 0;
                bucket = new Bucket { WindowStart = now, Suppressed = carried };
                _buckets[key] = bucket;
            }

            if (bucket.Written < perWindow)
            {
                bucket.Written++;
                suppressed = bucket.Suppressed;
                bucket.Suppressed = 0;
                return true;
            }

            bucket.Suppressed++;
            suppressed = 0;
            return false;
        }
    }

    private sealed class Bucket
    {
        public DateTimeOffset WindowStart { get; init; }

        public int Written { get; set; }

        public long Suppressed { get; set; }
    }
}
