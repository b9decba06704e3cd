using Edge.Contracts.Messages;
using Edge.Contracts.Serialization;
using Edge.Testing.Mqtt;
using Edge.Testing.Network;

namespace Edge.Uplink.Tests.Integration;

/// <summary>The uplink against an MQTTnet broker in this process and a relay stand-in that receipts.</summary>
public sealed class EmbeddedBrokerUplinkTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Connect_PublishesRetainedOnline_DrainsTheOutbox_AndRetiresOnReceipts()
    {
        await using var broker = await InProcessBroker.StartAsync();
        broker.AddUser("relay", "relay-password");
        broker.AddUser(UplinkRig.User, UplinkRig.Password);
        await using var relay = await ReceiptingRelay.ConnectAsync(broker.Port, "relay", "relay-password", TestContext.Current.CancellationToken);
        await using var rig = new UplinkRig(broker.Port);
        await rig.AppendAsync(50);

        var connected = rig.NextConnectionAsync();
        rig.Uplink.Start();
        await connected;
        await relay.WaitForAsync(r => r.Events.Count == 50 && rig.Outbox.Health.PendingEvents == 0, s_wait, TestContext.Current.CancellationToken);

        Assert.True(rig.Link.IsConnected);
        Assert.Contains(broker.Published, p => p.Topic.EndsWith("/status", StringComparison.Ordinal) && p.Retain &&
            ContractSerializer.ReadStatus(p.Payload).Message?.State == DeviceState.Online);
        Assert.Equal(Enumerable.Range(1, 50).Select(i => $"event:{i}"), relay.ArrivalOrder.Take(50));
        await relay.WaitForAsync(r => !r.Heartbeats.IsEmpty, s_wait, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task BrokerDownAtStart_BacklogIsDrainedInOrder_WhenItComesUp()
    {
        var port = FreePort();
        await using var rig = new UplinkRig(port);
        await rig.AppendAsync(20);
        rig.Uplink.Start();
        Assert.False(rig.Link.IsConnected);

        await using var broker = await InProcessBroker.StartAsync(port);
        broker.AddUser("relay", "relay-password");
        broker.AddUser(UplinkRig.User, UplinkRig.Password);
        await using var relay = await ReceiptingRelay.ConnectAsync(broker.Port, "relay", "relay-password", TestContext.Current.CancellationToken);
        await relay.WaitForAsync(r => r.Events.Count == 20 && rig.Outbox.Health.PendingEvents == 0, s_wait, TestContext.Current.CancellationToken);

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), relay.Events.Keys.Order());
    }

    [Fact]
    public async Task NoReceipt_TheEventStays_AndIsSentAgainUntilReceipted()
    {
        await using var broker = await InProcessBroker.StartAsync();
        broker.AddUser("relay", "relay-password");
        broker.AddUser(UplinkRig.User, UplinkRig.Password);
        await using var relay = await ReceiptingRelay.ConnectAsync(broker.Port, "relay", "relay-password", TestContext.Current.CancellationToken);
        relay.Receipting = false;
        await using var rig = new UplinkRig(broker.Port);
        await rig.AppendAsync(1);
        rig.Uplink.Start();

        await relay.WaitForAsync(r => r.Duplicates >= 1, s_wait, TestContext.Current.CancellationToken);
        Assert.Equal(1, rig.Outbox.Health.PendingEvents);

        relay.Receipting = true;
        await relay.WaitForAsync(_ => rig.Outbox.Health.PendingEvents == 0, s_wait, TestContext.Current.CancellationToken);
        Assert.Single(relay.Events);
    }

    [Fact]
    public async Task PathCut_LinkGoesDown_WillSaysOffline_ThenCatchesUpOnRestore()
    {
        await using var broker = await InProcessBroker.StartAsync();
        broker.AddUser("relay", "relay-password");
        broker.AddUser(UplinkRig.User, UplinkRig.Password);
        await using var relay = await ReceiptingRelay.ConnectAsync(broker.Port, "relay", "relay-password", TestContext.Current.CancellationToken);
        await using var proxy = new TcpProxy(broker.EndPoint);
        await using var rig = new UplinkRig(proxy.Port);
        var connected = rig.NextConnectionAsync();
        rig.Uplink.Start();
        await connected;

        proxy.Cut();
        await relay.WaitForAsync(r => r.Statuses.Any(s => s.State == DeviceState.Offline), s_wait, TestContext.Current.CancellationToken);
        await rig.AppendAsync(10);
        Assert.Equal(10, rig.Outbox.Health.PendingEvents);

        var reconnected = rig.NextConnectionAsync();
        proxy.Restore();
        await reconnected;
        await relay.WaitForAsync(r => r.Events.Count == 10 && rig.Outbox.Health.PendingEvents == 0, s_wait, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task BlackHoledPath_IsDetectedByThePing_AndTheBoxReconnects()
    {
        await using var broker = await InProcessBroker.StartAsync();
        broker.AddUser("relay", "relay-password");
        broker.AddUser(UplinkRig.User, UplinkRig.Password);
        await using var relay = await ReceiptingRelay.ConnectAsync(broker.Port, "relay", "relay-password", TestContext.Current.CancellationToken);
        await using var proxy = new TcpProxy(broker.EndPoint);
        await using var rig = new UplinkRig(proxy.Port);
        var connected = rig.NextConnectionAsync();
        rig.Uplink.Start();
        await connected;

        proxy.BlackHole();
        await rig.AppendAsync(5);
        var down = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Link.Changed += (_, _) =>
        {
            if (!rig.Link.IsConnected)
            {
                down.TrySetResult();
            }
        };
        await down.Task.WaitAsync(s_wait, TestContext.Current.CancellationToken);

        var reconnected = rig.NextConnectionAsync();
        proxy.Restore();
        await reconnected;
        await relay.WaitForAsync(r => r.Events.Count == 5 && rig.Outbox.Health.PendingEvents == 0, s_wait, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Commands_AreHandedToTheBox_AndGarbageIsDropped()
    {
        await using var broker = await InProcessBroker.StartAsync();
        broker.AddUser("relay", "relay-password");
        broker.AddUser(UplinkRig.User, UplinkRig.Password);
        await using var relay = await ReceiptingRelay.ConnectAsync(broker.Port, "relay", "relay-password", TestContext.Current.CancellationToken);
        await using var rig = new UplinkRig(broker.Port);
        var connected = rig.NextConnectionAsync();
        rig.Uplink.Start();
        await connected;
        var command = new CommandMessage { CommandId = Guid.NewGuid(), Kind = CommandKind.DrillStart, IssuedAt = TimeProvider.System.GetUtcNow(), IssuedBy = "admin" };

        await relay.SendCommandAsync(UplinkRig.Device.Site, UplinkRig.Device.Device, command, TestContext.Current.CancellationToken);
        await relay.WaitForAsync(_ => rig.Commands.Count == 1, s_wait, TestContext.Current.CancellationToken);

        Assert.Equal(command, rig.Commands[0]);
    }

    [Fact]
    public async Task WrongPassword_NeverConnects_AndSaysWhy()
    {
        await using var broker = await InProcessBroker.StartAsync();
        broker.AddUser(UplinkRig.User, "another-password");
        await using var rig = new UplinkRig(broker.Port);
        var refused = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        rig.Link.Changed += (_, _) =>
        {
            if (rig.Link.LastError is not null)
            {
                refused.TrySetResult();
            }
        };

        rig.Uplink.Start();
        await refused.Task.WaitAsync(s_wait, TestContext.Current.CancellationToken);

        Assert.False(rig.Link.IsConnected);
        Assert.Contains("BadUserNameOrPassword", rig.Link.LastError, StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
