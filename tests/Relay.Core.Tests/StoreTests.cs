using Edge.Contracts.Messages;
using Relay.Core.Alerts;
using Relay.Core.Devices;
using Relay.Core.Ingest;
using Relay.Core.Storage;
using Relay.Testing;
using static Relay.Testing.TestMessages;

namespace Relay.Core.Tests;

public sealed class StoreTests : IDisposable
{
    private readonly TestStore _store = new();
    private readonly DeviceId _device = new("mairie-centre", "accueil");

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task CommitBatch_SameSeqTwice_StoresOnceAndReceiptsBoth()
    {
        var alertId = Guid.CreateVersion7();
        var raised = Raised(_device.Site, _device.Device, 1, alertId);

        var first = await _store.CommitAsync(raised);
        var second = await _store.CommitAsync(raised);

        Assert.Equal(StoreOutcome.Stored, Assert.Single(first.Events).Outcome);
        Assert.Equal(StoreOutcome.Duplicate, Assert.Single(second.Events).Outcome);
        var receipt = Assert.Single(ReceiptBuilder.Build(second));
        Assert.Equal(new EventReceipt(1, alertId), Assert.Single(receipt.Receipt.Events));
        var alert = await _store.Store.GetAlertAsync(alertId, TestContext.Current.CancellationToken);
        Assert.NotNull(alert);
        Assert.Single(alert.Events);
        Assert.Equal(1, alert.Alert.EventCount);
    }

    [Fact]
    public async Task CommitBatch_DuplicateInsideOneBatch_IsStoredOnceAndListedOnceInTheReceipt()
    {
        var alertId = Guid.CreateVersion7();
        var raised = Raised(_device.Site, _device.Device, 1, alertId);

        var commit = await _store.CommitAsync(raised, raised);

        Assert.Equal([StoreOutcome.Stored, StoreOutcome.Duplicate], commit.Events.Select(e => e.Outcome));
        Assert.Single(Assert.Single(ReceiptBuilder.Build(commit)).Receipt.Events);
    }

    [Fact]
    public async Task CommitBatch_SameSeqWithDifferentContent_IsAConflictAndKeepsTheOriginal()
    {
        var first = Raised(_device.Site, _device.Device, 1, Guid.CreateVersion7());
        var reused = Raised(_device.Site, _device.Device, 1, Guid.CreateVersion7());
        await _store.CommitAsync(first);

        var commit = await _store.CommitAsync(reused);

        Assert.Equal(StoreOutcome.Conflict, Assert.Single(commit.Events).Outcome);
        Assert.NotNull(await _store.Store.GetAlertAsync(first.AlertId!.Value, TestContext.Current.CancellationToken));
        Assert.Null(await _store.Store.GetAlertAsync(reused.AlertId!.Value, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Alert_IsItsRaisedEventAndEveryLaterEventWithItsId_InSeqOrder()
    {
        var alertId = Guid.CreateVersion7();
        var other = Guid.CreateVersion7();
        var pressedAt = T0.AddMinutes(-1);
        await _store.CommitAsync(
            Raised(_device.Site, _device.Device, 1, alertId, pressedAt),
            Action(_device.Site, _device.Device, 2, alertId),
            Raised(_device.Site, _device.Device, 3, other),
            Action(_device.Site, _device.Device, 4, alertId, AlertEventKind.ActionSucceeded),
            Closing(_device.Site, _device.Device, 6, alertId, AlertEventKind.Acknowledged));
        // A resend fills the gap after later events arrived: the alert still reads in seq order.
        await _store.CommitAsync(Closing(_device.Site, _device.Device, 7, alertId), Action(_device.Site, _device.Device, 5, alertId, AlertEventKind.ActionProgress));

        var alert = await _store.Store.GetAlertAsync(alertId, TestContext.Current.CancellationToken);

        Assert.NotNull(alert);
        Assert.Equal([1L, 2, 4, 5, 6, 7], alert.Events.Select(e => e.Event.Seq));
        Assert.Equal(AlertStatus.Cleared, alert.Alert.Status);
        Assert.True(alert.Alert.Acknowledged);
        Assert.True(alert.Alert.HasRaisedEvent);
        Assert.Equal(pressedAt, alert.Alert.RaisedAt);
        Assert.Equal(AlertSeverity.Critical, alert.Alert.Severity);
        Assert.Equal("agression", alert.Alert.Scenario);
        Assert.Equal("accueil-1", alert.Alert.Button);
        Assert.Equal(6, alert.Alert.EventCount);
    }

    [Fact]
    public async Task Alert_WhoseRaisedEventArrivesLate_IsCompletedWhenItArrives()
    {
        var alertId = Guid.CreateVersion7();
        await _store.CommitAsync(Action(_device.Site, _device.Device, 2, alertId));

        var partial = await _store.Store.GetAlertAsync(alertId, TestContext.Current.CancellationToken);
        await _store.CommitAsync(Raised(_device.Site, _device.Device, 1, alertId, T0.AddSeconds(-5)));
        var complete = await _store.Store.GetAlertAsync(alertId, TestContext.Current.CancellationToken);

        Assert.False(partial!.Alert.HasRaisedEvent);
        Assert.True(complete!.Alert.HasRaisedEvent);
        Assert.Equal(T0.AddSeconds(-5), complete.Alert.RaisedAt);
        Assert.Equal([1L, 2], complete.Events.Select(e => e.Event.Seq));
    }

    [Fact]
    public async Task FalseAlarm_ClosesTheAlertAsAFalseAlarm()
    {
        var alertId = Guid.CreateVersion7();
        await _store.CommitAsync(Raised(_device.Site, _device.Device, 1, alertId), Closing(_device.Site, _device.Device, 2, alertId, AlertEventKind.FalseAlarm));

        var alert = await _store.Store.GetAlertAsync(alertId, TestContext.Current.CancellationToken);

        Assert.Equal(AlertStatus.FalseAlarm, alert!.Alert.Status);
    }

    [Fact]
    public async Task GetAlerts_IsNewestFirst_RespectsLimitAndSite()
    {
        var other = new DeviceId("ecole-jaures", "loge");
        var ids = new List<Guid>();
        for (var i = 1; i <= 5; i++)
        {
            var id = Guid.CreateVersion7();
            ids.Add(id);
            await _store.CommitAsync(Raised(_device.Site, _device.Device, i, id, T0.AddMinutes(i)));
        }

        var elsewhere = Guid.CreateVersion7();
        await _store.CommitAsync(Raised(other.Site, other.Device, 1, elsewhere, T0.AddHours(1)));
        var ct = TestContext.Current.CancellationToken;

        var newest3 = await _store.Store.GetAlertsAsync(new AlertQuery(3), ct);
        var onSite = await _store.Store.GetAlertsAsync(new AlertQuery(Site: _device.Site), ct);

        Assert.Equal([elsewhere, ids[4], ids[3]], newest3.Select(a => a.Alert.AlertId));
        Assert.Equal(Enumerable.Reverse(ids), onSite.Select(a => a.Alert.AlertId));
        Assert.Equal(AlertQuery.MaxLimit, new AlertQuery(100_000).EffectiveLimit);
    }

    [Fact]
    public async Task Sequence_TracksHighestContiguousAndReportsGaps()
    {
        var ct = TestContext.Current.CancellationToken;
        var alertId = Guid.CreateVersion7();
        await _store.CommitAsync(
            Raised(_device.Site, _device.Device, 1, alertId),
            Action(_device.Site, _device.Device, 2, alertId),
            Action(_device.Site, _device.Device, 4, alertId),
            Action(_device.Site, _device.Device, 5, alertId),
            Action(_device.Site, _device.Device, 7, alertId));

        var withGaps = await _store.Store.GetSequenceAsync(_device, ct);
        await _store.CommitAsync(Action(_device.Site, _device.Device, 3, alertId), Action(_device.Site, _device.Device, 6, alertId));
        var filled = await _store.Store.GetSequenceAsync(_device, ct);

        Assert.Equal(2, withGaps.HighestContiguous);
        Assert.Equal(7, withGaps.HighestReceived);
        Assert.Equal([new SeqRange(3, 3), new SeqRange(6, 6)], withGaps.Gaps);
        Assert.Equal(7, filled.HighestContiguous);
        Assert.Empty(filled.Gaps);
    }

    [Fact]
    public async Task Snapshot_SameIndexTwice_StoredOnceAndReadBack()
    {
        var ct = TestContext.Current.CancellationToken;
        var alertId = Guid.CreateVersion7();
        var jpeg = Jpeg(1000);

        var first = await _store.CommitSnapshotAsync(_device, alertId, 1, jpeg);
        var again = await _store.CommitSnapshotAsync(_device, alertId, 1, Jpeg(1000, fill: 0x11));

        Assert.Equal(StoreOutcome.Stored, Assert.Single(first.Snapshots).Outcome);
        Assert.Equal(StoreOutcome.Duplicate, Assert.Single(again.Snapshots).Outcome);
        Assert.Equal(new SnapshotReceipt(alertId, 1), Assert.Single(Assert.Single(ReceiptBuilder.Build(again)).Receipt.Snapshots));
        Assert.Equal(jpeg, await _store.Store.GetSnapshotAsync(alertId, 1, ct));
        var info = Assert.Single(await _store.Store.GetSnapshotsAsync(alertId, ct));
        Assert.Equal(1000, info.Size);
        Assert.Null(await _store.Store.GetSnapshotAsync(alertId, 2, ct));
    }

    [Fact]
    public async Task Store_KeepsEverythingAcrossAReopen()
    {
        var ct = TestContext.Current.CancellationToken;
        var alertId = Guid.CreateVersion7();
        await _store.RegisterAsync(_device);
        await _store.CommitAsync(Raised(_device.Site, _device.Device, 1, alertId), Action(_device.Site, _device.Device, 3, alertId));
        await _store.CommitSnapshotAsync(_device, alertId, 1, Jpeg());

        _store.Reopen();

        Assert.NotNull(await _store.Store.FindDeviceAsync(_device, ct));
        Assert.Equal(2, (await _store.Store.GetAlertAsync(alertId, ct))!.Events.Count);
        Assert.Single(await _store.Store.GetSnapshotsAsync(alertId, ct));
        Assert.Equal([new SeqRange(2, 2)], (await _store.Store.GetSequenceAsync(_device, ct)).Gaps);
        Assert.Equal(StoreOutcome.Duplicate, Assert.Single((await _store.CommitAsync(Raised(_device.Site, _device.Device, 1, alertId))).Events).Outcome);
    }

    [Fact]
    public void Open_WhileAnotherInstanceHoldsTheFile_FailsWithAClearMessage()
    {
        var ex = Assert.Throws<IOException>(() => LiteDbRelayStore.Open(_store.Path, _store.Time, Microsoft.Extensions.Logging.Abstractions.NullLogger<LiteDbRelayStore>.Instance));

        Assert.Contains("one process per file", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_ReportsPathAndLastCommit()
    {
        _store.Time.Advance(TimeSpan.FromMinutes(1));
        await _store.CommitAsync(Raised(_device.Site, _device.Device, 1, Guid.CreateVersion7()));

        var health = _store.Store.Health;

        Assert.Equal(_store.Path, health.Path);
        Assert.True(health.IsOpen);
        Assert.Equal(T0.AddMinutes(1), health.LastCommitAt);
        Assert.Null(health.LastError);
    }

    [Fact]
    public async Task OpenAlerts_AreThoseNotClosed_FirstHeardOfWithinTheWindow()
    {
        var ct = TestContext.Current.CancellationToken;
        var old = Guid.CreateVersion7();
        var cleared = Guid.CreateVersion7();
        var open = Guid.CreateVersion7();
        await _store.CommitAsync(Raised(_device.Site, _device.Device, 1, old));
        _store.Time.Advance(TimeSpan.FromHours(13));
        await _store.CommitAsync(Raised(_device.Site, _device.Device, 2, cleared), Closing(_device.Site, _device.Device, 3, cleared), Raised(_device.Site, _device.Device, 4, open));

        var result = await _store.Store.GetOpenAlertsAsync(_store.Time.GetUtcNow() - TimeSpan.FromHours(12), ct);

        Assert.Equal(open, Assert.Single(result).AlertId);
    }

    [Fact]
    public async Task LatestAlert_OfADevice_IsItsNewest()
    {
        var ct = TestContext.Current.CancellationToken;
        var first = Guid.CreateVersion7();
        var second = Guid.CreateVersion7();
        await _store.CommitAsync(Raised(_device.Site, _device.Device, 1, first, T0), Raised(_device.Site, _device.Device, 2, second, T0.AddMinutes(5)));

        Assert.Equal(second, (await _store.Store.GetLatestAlertAsync(_device, ct))?.AlertId);
        Assert.Null(await _store.Store.GetLatestAlertAsync(new DeviceId("autre", "box"), ct));
    }
}
