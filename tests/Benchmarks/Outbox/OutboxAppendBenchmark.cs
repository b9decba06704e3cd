using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using Edge.Outbox;
using Edge.Testing.Outbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace Benchmarks.Outbox;

/// <summary>Durable appends (one transaction and one fsync each) and the drain path, on the real file system.</summary>
[SimpleJob(RunStrategy.Throughput, launchCount: 1, warmupCount: 2, iterationCount: 8)]
[MemoryDiagnoser]
public class OutboxAppendBenchmark
{
    private string _directory = null!;
    private LiteDbOutbox _outbox = null!;
    private long _retired;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("bench-outbox-").FullName;
        _outbox = LiteDbOutbox.Open(Path.Combine(_directory, "outbox.db"), TimeProvider.System, NullLogger.Instance);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _outbox.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>One alert event, on stable storage when it returns.</summary>
    [Benchmark]
    public long DurableAppend()
    {
        var now = TimeProvider.System.GetUtcNow();
        return _outbox.AppendAsync(TestEvents.Raised(Guid.CreateVersion7(now), now)).AsTask().GetAwaiter().GetResult().Seq;
    }

    /// <summary>What the uplink does per receipt: read the next events and retire them.</summary>
    [Benchmark]
    public int ReadAndRetire()
    {
        var events = _outbox.ReadEvents(_retired, 64);
        if (events.Count > 0)
        {
            _outbox.RetireEvents([.. events.Select(e => e.Seq)]);
            _retired = events[^1].Seq;
        }

        return events.Count;
    }
}
