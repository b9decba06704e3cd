using System.Diagnostics;
using System.Globalization;

namespace Benchmarks.Measurement;

/// <summary>Latencies of one measurement, in milliseconds, and their summary.</summary>
internal sealed class LatencySample(string name)
{
    private readonly List<double> _millis = [];

    public string Name { get; } = name;

    public int Count => _millis.Count;

    public void Add(long fromTimestamp, long toTimestamp) =>
        _millis.Add((toTimestamp - fromTimestamp) * 1000.0 / Stopwatch.Frequency);

    public double Percentile(double p)
    {
        if (_millis.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _millis.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100.0 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Name,-48} n={Count,6}  median {Percentile(50),8:0.000} ms  p99 {Percentile(99),8:0.000} ms  max {Percentile(100),8:0.000} ms");
}
