using Edge.Testing.Mqtt;
using Edge.Testing.Peers;

namespace Edge.Uplink.Tests.Integration;

/// <summary>The same uplink against a real mosquitto with a password file and an ACL confining the box to its subtree.</summary>
[Trait("peer", "mosquitto")]
public sealed class MosquittoUplinkTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(30);

    private static string Acl => $"""
        user relay
        topic readwrite edge/v1/#

        user {UplinkRig.User}
        topic write edge/v1/{UplinkRig.Device.Site}/{UplinkRig.Device.Device}/alerts
        topic write edge/v1/{UplinkRig.Device.Site}/{UplinkRig.Device.Device}/media/#
        topic write edge/v1/{UplinkRig.Device.Site}/{UplinkRig.Device.Device}/status
        topic write edge/v1/{UplinkRig.Device.Site}/{UplinkRig.Device.Device}/heartbeat
        topic read edge/v1/{UplinkRig.Device.Site}/{UplinkRig.Device.Device}/commands
        topic read edge/v1/{UplinkRig.Device.Site}/{UplinkRig.Device.Device}/receipts

        """;

    [Theory]
    [InlineData("5")]
    [InlineData("3.1.1")]
    public async Task Drain_ThroughMosquitto_WithEitherProtocolVersion(string version)
    {
        await using var mosquitto = await MosquittoProcess.StartAsync([("relay", "relay-password"), (UplinkRig.User, UplinkRig.Password)], Acl, TestContext.Current.CancellationToken);
        await using var relay = await ReceiptingRelay.ConnectAsync(mosquitto.Port, "relay", "relay-password", TestContext.Current.CancellationToken);
        await using var rig = new UplinkRig(mosquitto.Port, o => o.ProtocolVersion = version);
        await rig.AppendAsync(30);

        rig.Uplink.Start();

        await relay.WaitForAsync(r => r.Events.Count == 30 && rig.Outbox.Health.PendingEvents == 0, s_wait, TestContext.Current.CancellationToken);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), relay.Events.Keys.Order());
    }

    [Fact]
    public async Task BrokerRestart_LosesItsSessions_ButNoAlert()
    {
        await using var mosquitto = await MosquittoProcess.StartAsync([("relay", "relay-password"), (UplinkRig.User, UplinkRig.Password)], Acl, TestContext.Current.CancellationToken);
        var relay = await ReceiptingRelay.ConnectAsync(mosquitto.Port, "relay", "relay-password", TestContext.Current.CancellationToken);
        await using var rig = new UplinkRig(mosquitto.Port);
        var connected = rig.NextConnectionAsync();
        rig.Uplink.Start();
        await connected;
        await rig.AppendAsync(10);
        await relay.WaitForAsync(r => r.Events.Count == 10, s_wait, TestContext.Current.CancellationToken);
        var seen = relay.Events.Keys.ToHashSet();

        var reconnected = rig.NextConnectionAsync();
        await mosquitto.RestartAsync(TestContext.Current.CancellationToken);
        await relay.DisposeAsync();
        await rig.AppendAsync(10);
        await reconnected;
        await using var relayAgain = await ReceiptingRelay.ConnectAsync(mosquitto.Port, "relay", "relay-password", TestContext.Current.CancellationToken);

        await relayAgain.WaitForAsync(_ => rig.Outbox.Health.PendingEvents == 0, s_wait, TestContext.Current.CancellationToken);
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), seen.Concat(relayAgain.Events.Keys).Distinct().Order());
    }
}
