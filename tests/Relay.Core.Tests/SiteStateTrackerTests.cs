using Edge.Contracts.Messages;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Relay.Core.Devices;
using Relay.Core.Sites;
using static Relay.Testing.TestMessages;

namespace Relay.Core.Tests;

public sealed class SiteStateTrackerTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(T0);
    private readonly SiteStateTracker _tracker;
    private readonly DeviceId _device = new("mairie-centre", "accueil");

    public SiteStateTrackerTests()
    {
        _tracker = new SiteStateTracker(
            Options.Create(new SiteOptions { SupervisionWindow = TimeSpan.FromSeconds(90), SupervisionCheckInterval = TimeSpan.FromSeconds(5), AlertingWindow = TimeSpan.FromHours(12) }),
            _time,
            NullLogger<SiteStateTracker>.Instance);
        _tracker.StartSupervision();
    }

    public void Dispose() => _tracker.Dispose();

    [Fact]
    public void UnheardDevice_IsUnknown() => Assert.Equal(SiteState.Unknown, _tracker.Get(_device).State);

    [Fact]
    public void Heartbeat_MakesTheDeviceOnline_WithItsHealth()
    {
        var transition = _tracker.OnHeartbeat(Heartbeat(_device.Site, _device.Device, outboxDepth: 3, drill: true));

        var status = _tracker.Get(_device);
        Assert.Equal(new DeviceTransition(_device, Connectivity.Unknown, Connectivity.Online, "heartbeat"), transition);
        Assert.Equal(SiteState.Online, status.State);
        Assert.Equal(T0, status.LastHeartbeatAt);
        Assert.Equal(3, status.OutboxDepth);
        Assert.True(status.Drill);
        Assert.Equal("camera", Assert.Single(status.Faults).Code);
    }

    [Fact]
    public void Silence_LongerThanTheSupervisionWindow_MakesItOffline_OnTheTimer()
    {
        _tracker.OnHeartbeat(Heartbeat(_device.Site, _device.Device));

        _time.Advance(TimeSpan.FromSeconds(85));
        var stillOnline = _tracker.Get(_device).Connectivity;
        _time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(Connectivity.Online, stillOnline);
        Assert.Equal(SiteState.Offline, _tracker.Get(_device).State);
    }

    [Fact]
    public void Heartbeats_WithinTheWindow_KeepItOnline()
    {
        for (var i = 0; i < 10; i++)
        {
            _tracker.OnHeartbeat(Heartbeat(_device.Site, _device.Device));
            _time.Advance(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(SiteState.Online, _tracker.Get(_device).State);
    }

    [Fact]
    public void OfflineStatus_OrLastWill_IsOfflineAtOnce_AndOnlineStatusBringsItBack()
    {
        _tracker.OnHeartbeat(Heartbeat(_device.Site, _device.Device));

        var down = _tracker.OnStatus(Status(_device.Site, _device.Device, DeviceState.Offline));
        var offline = _tracker.Get(_device);
        var up = _tracker.OnStatus(Status(_device.Site, _device.Device, DeviceState.Online));

        Assert.Equal(Connectivity.Offline, down?.To);
        Assert.Equal(SiteState.Offline, offline.State);
        Assert.Equal("1.2.3", offline.SoftwareVersion);
        Assert.Equal("virtual", offline.Board);
        Assert.Equal(Connectivity.Online, up?.To);
    }

    [Fact]
    public void RaisedAlert_IsAlerting_UntilCleared_EvenWhileOffline()
    {
        var alertId = Guid.CreateVersion7();
        _tracker.OnEvent(Raised(_device.Site, _device.Device, 1, alertId));
        _tracker.OnStatus(Status(_device.Site, _device.Device, DeviceState.Offline));

        var whileOffline = _tracker.Get(_device);
        _tracker.OnEvent(Closing(_device.Site, _device.Device, 2, alertId));

        Assert.Equal(SiteState.Alerting, whileOffline.State);
        Assert.Equal([alertId], whileOffline.OpenAlerts);
        Assert.Equal(SiteState.Online, _tracker.Get(_device).State);
    }

    [Fact]
    public void LateRaised_ForAnAlreadyClearedAlert_DoesNotReopenIt()
    {
        var alertId = Guid.CreateVersion7();
        _tracker.OnEvent(Closing(_device.Site, _device.Device, 2, alertId));
        _tracker.OnEvent(Raised(_device.Site, _device.Device, 1, alertId));

        Assert.Empty(_tracker.Get(_device).OpenAlerts);
    }

    [Fact]
    public void UnclearedAlert_StopsCountingAsAlerting_AfterTheAlertingWindow()
    {
        _tracker.OnEvent(Raised(_device.Site, _device.Device, 1, Guid.CreateVersion7()));
        _tracker.OnHeartbeat(Heartbeat(_device.Site, _device.Device));

        _time.Advance(TimeSpan.FromHours(11));
        _tracker.OnHeartbeat(Heartbeat(_device.Site, _device.Device));
        var within = _tracker.Get(_device).State;
        _time.Advance(TimeSpan.FromHours(2));
        _tracker.OnHeartbeat(Heartbeat(_device.Site, _device.Device));

        Assert.Equal(SiteState.Alerting, within);
        Assert.Equal(SiteState.Online, _tracker.Get(_device).State);
    }
}
