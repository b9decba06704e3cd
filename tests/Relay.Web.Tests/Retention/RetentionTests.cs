using System.Net;
using Edge.Contracts.Topics;
using Microsoft.Extensions.Time.Testing;
using Relay.Core.Devices;
using Relay.Core.Retention;
using Relay.Testing;
using Relay.Web.Retention;
using static Relay.Testing.TestMessages;

namespace Relay.Web.Tests.Retention;

/// <summary>Snapshots are purged after the retention period by a timer on the relay's clock (a FakeTimeProvider here);
/// alerts, their events and the audit log stay.</summary>
public sealed class RetentionTests
{
    private static readonly (DeviceId Id, string Password) s_box = (new DeviceId("mairie-centre", "accueil"), "password-of-accueil");

    [Fact]
    public async Task SnapshotsOlderThanTheRetention_ArePurgedByTheTimer_AlertsAndAuditAreKept()
    {
        var clock = new FakeTimeProvider(T0);
        await using var relay = await RunningRelay.StartAsync([s_box], null, clock,
            "--Relay:Retention:Snapshots=30.00:00:00", "--Relay:Retention:PurgeInterval=1.00:00:00",
            "--Relay:Sites:SupervisionWindow=1.00:00:00", "--Relay:Sites:SupervisionCheckInterval=06:00:00");
        var purged = new TaskCompletionSource<SnapshotPurge>(TaskCreationOptions.RunContinuationsAsynchronously);
        relay.Service<SnapshotRetention>().Purged += purge =>
        {
            if (purge.Snapshots > 0)
            {
                purged.TrySetResult(purge);
            }
        };
        await using var box = relay.Device(s_box);
        await box.ConnectAndSubscribeAsync();
        var old = Guid.CreateVersion7();
        var recent = Guid.CreateVersion7();
        await box.PublishEventAndAwaitReceiptAsync(Raised(box.Site, box.Device, 1, old));
        await PublishSnapshotAsync(box, old, 1);

        clock.Advance(TimeSpan.FromDays(20));
        await box.PublishEventAndAwaitReceiptAsync(Raised(box.Site, box.Device, 2, recent));
        await PublishSnapshotAsync(box, recent, 1);
        Assert.False(purged.Task.IsCompleted);
        clock.Advance(TimeSpan.FromDays(11));
        var purge = await Bounded.WaitAsync(purged.Task);

        Assert.Equal(1, purge.Snapshots);
        Assert.Equal(1, purge.Alerts);
        using var reader = await relay.SignInAsync(RunningRelay.AdminUser, RunningRelay.AdminPassword);
        Assert.Equal(HttpStatusCode.NotFound, await reader.StatusOfGetAsync($"/api/alerts/{old}/snapshots/1"));
        Assert.Equal(HttpStatusCode.OK, await reader.StatusOfGetAsync($"/api/alerts/{recent}/snapshots/1"));
        var oldAlert = await reader.GetJsonAsync($"/api/alerts/{old}");
        Assert.Equal(0, oldAlert.GetProperty("alert").GetProperty("snapshotCount").GetInt32());
        Assert.Equal(1, oldAlert.GetProperty("events").GetArrayLength());
        var entry = Assert.Single((await reader.GetJsonAsync("/api/audit?action=snapshots-purged")).EnumerateArray());
        Assert.Equal("system", entry.GetProperty("actor").GetString());
        Assert.Contains("1 snapshot(s) of 1 alert(s)", entry.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains((await reader.GetJsonAsync("/api/audit")).EnumerateArray(), e => e.GetProperty("action").GetString() == "login");
    }

    private static async Task PublishSnapshotAsync(TestDevice box, Guid alertId, int index)
    {
        await box.PublishAsync(TopicNames.Media(box.Site, box.Device, alertId, index), Jpeg(2048));
        while ((await box.NextReceiptAsync()).Snapshots.Count == 0)
        {
        }
    }
}
