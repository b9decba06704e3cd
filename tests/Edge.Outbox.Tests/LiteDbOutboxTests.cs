using Edge.Contracts.Messages;
using Edge.Outbox.Tests.Storage;
using Edge.Testing.Outbox;
using LiteDB;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Edge.Outbox.Tests;

public sealed class LiteDbOutboxTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private readonly string _dir = Directory.CreateTempSubdirectory("outbox-tests-").FullName;

    private string DbPath => Path.Combine(_dir, "outbox.db");

    [Fact]
    public async Task Append_AssignsGaplessSequence_AndReadsBackInOrder()
    {
        using var outbox = LiteDbOutbox.Open(DbPath, _time, NullLogger.Instance);
        var alert = Guid.CreateVersion7();

        var seqs = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            seqs.Add((await outbox.AppendAsync(TestEvents.Raised(alert, _time.GetUtcNow()), TestContext.Current.CancellationToken)).Seq);
        }

        Assert.Equal([1L, 2, 3, 4, 5], seqs);
        Assert.Equal([3L, 4], outbox.ReadEvents(afterSeq: 2, max: 2).Select(e => e.Seq));
        Assert.Equal(5, outbox.Health.PendingEvents);
    }

    [Fact]
    public async Task Retire_RemovesOnlyThoseEntries_AndRepeatedReceiptsAreHarmless()
    {
        using var outbox = LiteDbOutbox.Open(DbPath, _time, NullLogger.Instance);
        for (var i = 0; i < 4; i++)
        {
            await outbox.AppendAsync(TestEvents.Raised(Guid.CreateVersion7(), _time.GetUtcNow()), TestContext.Current.CancellationToken);
        }

        outbox.RetireEvents([1, 3]);
        outbox.RetireEvents([1, 3, 99]);

        Assert.Equal([2L, 4], outbox.ReadEvents(0, 100).Select(e => e.Seq));
        Assert.Equal(2, outbox.Health.PendingEvents);
    }

    [Fact]
    public async Task Reopen_KeepsPendingEvents_AndContinuesTheSequence_EvenWhenAllWereRetired()
    {
        using (var outbox = LiteDbOutbox.Open(DbPath, _time, NullLogger.Instance))
        {
            await outbox.AppendAsync(TestEvents.Raised(Guid.CreateVersion7(), _time.GetUtcNow()), TestContext.Current.CancellationToken);
            await outbox.AppendAsync(TestEvents.Raised(Guid.CreateVersion7(), _time.GetUtcNow()), TestContext.Current.CancellationToken);
            outbox.RetireEvents([1, 2]);
        }

        using var reopened = LiteDbOutbox.Open(DbPath, _time, NullLogger.Instance);
        var next = await reopened.AppendAsync(TestEvents.Raised(Guid.CreateVersion7(), _time.GetUtcNow()), TestContext.Current.CancellationToken);

        Assert.Equal(3, next.Seq);
        Assert.Equal([3L], reopened.ReadEvents(0, 10).Select(e => e.Seq));
    }

    [Fact]
    public async Task Append_RoundTripsEveryField()
    {
        using var outbox = LiteDbOutbox.Open(DbPath, _time, NullLogger.Instance);
        var draft = TestEvents.Raised(Guid.CreateVersion7(), _time.GetUtcNow()) with
        {
            Drill = true,
            Data = new Dictionary<string, string> { ["who"] = "Mme Martin" },
            Detail = "Agression à l'accueil",
        };

        var stored = await outbox.AppendAsync(draft, TestContext.Current.CancellationToken);
        var read = Assert.Single(outbox.ReadEvents(0, 10));

        Assert.Equal(stored.AlertId, read.AlertId);
        Assert.Equal(stored.At, read.At);
        Assert.True(read.Drill);
        Assert.Equal("Mme Martin", read.Data!["who"]);
        Assert.Equal("Agression à l'accueil", read.Detail);
    }

    [Fact]
    public async Task Snapshots_ComeBackOldestFirst_AndRetire()
    {
        using var outbox = LiteDbOutbox.Open(DbPath, _time, NullLogger.Instance);
        var alert = Guid.CreateVersion7();
        await outbox.AppendSnapshotAsync(alert, 1, new byte[] { 0xFF, 0xD8, 1 }, _time.GetUtcNow(), TestContext.Current.CancellationToken);
        await outbox.AppendSnapshotAsync(alert, 2, new byte[] { 0xFF, 0xD8, 2 }, _time.GetUtcNow(), TestContext.Current.CancellationToken);

        var read = outbox.ReadSnapshots(10);
        Assert.Equal([1, 2], read.Select(s => s.Index));
        Assert.Equal(2, read[1].Jpeg.Span[2]);

        outbox.RetireSnapshots([(alert, 1)]);
        Assert.Equal([2], outbox.ReadSnapshots(10).Select(s => s.Index));
        Assert.Equal(1, outbox.Health.PendingSnapshots);
    }

    /// <summary>
    /// The reason this outbox exists: LiteDB 5 on its own returns from Commit before the log is on stable storage,
    /// so a power cut loses acknowledged commits. First the premise is shown with plain LiteDB, then the same cut
    /// with the outbox loses nothing.
    /// </summary>
    [Fact]
    public async Task PowerCut_PlainLiteDbLosesCommits_TheOutboxLosesNothing()
    {
        // Premise: plain LiteDB, committed and not disposed, then the power goes.
        var plain = new FakeDisk();
        var files = plain.Open();
        var db = new LiteDatabase(files.Data, new BsonMapper(), files.Log);
        db.GetCollection("events").Insert(new BsonDocument { ["_id"] = 1, ["x"] = "committed" });
        var afterCut = plain.AfterPowerCut().Open();
        using (var recovered = new LiteDatabase(afterCut.Data, new BsonMapper(), afterCut.Log))
        {
            Assert.Equal(0, recovered.GetCollection("events").Count());
        }

        GC.KeepAlive(db);

        // The outbox: every append returned means on stable storage.
        var disk = new FakeDisk();
        var outbox = new LiteDbOutbox(disk.Open, _time, NullLogger.Instance);
        for (var i = 0; i < 20; i++)
        {
            await outbox.AppendAsync(TestEvents.Raised(Guid.CreateVersion7(), _time.GetUtcNow()), TestContext.Current.CancellationToken);
        }

        var survivor = disk.AfterPowerCut();
        using var reopened = new LiteDbOutbox(survivor.Open, _time, NullLogger.Instance);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), reopened.ReadEvents(0, 100).Select(e => e.Seq));
        GC.KeepAlive(outbox);
    }

    [Fact]
    public async Task DiskFull_KeepsTheAlertInMemory_ReportsTheFault_AndWritesItWhenSpaceReturns()
    {
        var disk = new FakeDisk();
        using var outbox = new LiteDbOutbox(disk.Open, _time, NullLogger.Instance);
        await outbox.AppendAsync(TestEvents.Raised(Guid.CreateVersion7(), _time.GetUtcNow()), TestContext.Current.CancellationToken);

        disk.DiskFull = true;
        var held = await outbox.AppendAsync(TestEvents.Raised(Guid.CreateVersion7(), _time.GetUtcNow()), TestContext.Current.CancellationToken);

        Assert.Equal(2, held.Seq);
        Assert.NotNull(outbox.Health.Fault);
        Assert.Contains("No space left", outbox.Health.Fault, StringComparison.Ordinal);
        Assert.Equal(1, outbox.Health.InMemoryOnly);
        Assert.Equal([1L, 2], outbox.ReadEvents(0, 10).Select(e => e.Seq)); // the uplink still gets it

        disk.DiskFull = false;
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Null(outbox.Health.Fault);
        Assert.Equal(0, outbox.Health.InMemoryOnly);
        var survivor = disk.AfterPowerCut();
        using var reopened = new LiteDbOutbox(survivor.Open, _time, NullLogger.Instance);
        Assert.Equal([1L, 2], reopened.ReadEvents(0, 10).Select(e => e.Seq));
    }

    [Fact]
    public async Task DamagedFile_IsMovedAside_AndANewOutboxStartsAboveAnyOldSequence()
    {
        await File.WriteAllBytesAsync(DbPath, [.. Enumerable.Repeat((byte)0x5A, 32 * 1024)], TestContext.Current.CancellationToken);

        using var outbox = LiteDbOutbox.Open(DbPath, _time, NullLogger.Instance);
        var stored = await outbox.AppendAsync(TestEvents.Raised(Guid.CreateVersion7(), _time.GetUtcNow()), TestContext.Current.CancellationToken);

        Assert.NotNull(outbox.DamageReport);
        Assert.Single(Directory.GetFiles(_dir, "outbox.db.damaged-*"));
        Assert.True(stored.Seq > _time.GetUtcNow().ToUnixTimeMilliseconds());
        Assert.Null(outbox.Health.Fault);
    }

    [Fact]
    public async Task InvalidEvent_IsRefusedBeforeTakingASequenceNumber()
    {
        using var outbox = LiteDbOutbox.Open(DbPath, _time, NullLogger.Instance);
        var invalid = TestEvents.Raised(Guid.CreateVersion7(), _time.GetUtcNow()) with { Scenario = "Not An Id" };

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await outbox.AppendAsync(invalid, TestContext.Current.CancellationToken));
        var next = await outbox.AppendAsync(TestEvents.Raised(Guid.CreateVersion7(), _time.GetUtcNow()), TestContext.Current.CancellationToken);

        Assert.Equal(1, next.Seq);
    }

    [Fact]
    public async Task Appended_IsRaisedForEveryAppend()
    {
        using var outbox = LiteDbOutbox.Open(DbPath, _time, NullLogger.Instance);
        var count = 0;
        outbox.Appended += (_, _) => count++;

        await outbox.AppendAsync(TestEvents.Action(Guid.CreateVersion7(), _time.GetUtcNow()), TestContext.Current.CancellationToken);
        await outbox.AppendSnapshotAsync(Guid.CreateVersion7(), 1, new byte[] { 1 }, _time.GetUtcNow(), TestContext.Current.CancellationToken);

        Assert.Equal(2, count);
        Assert.Equal(AlertEventKind.ActionSucceeded, outbox.ReadEvents(0, 1)[0].Kind);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
