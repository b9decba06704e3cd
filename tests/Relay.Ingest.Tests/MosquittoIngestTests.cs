using Edge.Contracts.Messages;
using Edge.Contracts.Serialization;
using Edge.Contracts.Topics;
using MQTTnet;
using Relay.Core.Devices;
using Relay.Testing;
using static Relay.Testing.TestMessages;

namespace Relay.Ingest.Tests;

/// <summary>
/// The relay in external-broker mode against a real mosquitto, configured the way the README tells an operator to:
/// a password file from <c>mosquitto_passwd</c> and the ACL file from the relay's generator.
/// </summary>
public sealed class MosquittoIngestTests
{
    private static readonly (DeviceId Id, string Password) s_a = (new DeviceId("mairie-centre", "accueil"), "password-of-accueil");
    private static readonly (DeviceId Id, string Password) s_b = (new DeviceId("ecole-jaures", "loge"), "password-of-loge-b");

    [Theory]
    [InlineData(null)]
    [InlineData("relay")]
    public async Task ExternalMode_IngestsADevicesEvents_AndPublishesReceipts(string? sharedSubscriptionGroup)
    {
        await using var mosquitto = await MosquittoBroker.StartAsync(s_a, s_b);
        await using var relay = await RelayUnderTest.StartExternalAsync(mosquitto, sharedSubscriptionGroup, s_a, s_b);
        await using var box = new TestDevice(s_a.Id, s_a.Password, mosquitto.Port);
        await box.ConnectAndSubscribeAsync();
        var alertId = Guid.CreateVersion7();

        var first = await box.PublishEventAndAwaitReceiptAsync(Raised(box.Site, box.Device, 1, alertId));
        await box.PublishAsync(TopicNames.Media(box.Site, box.Device, alertId, 1), Jpeg(20_000));
        var snapshot = await box.NextReceiptAsync();
        var again = await box.PublishEventAndAwaitReceiptAsync(Raised(box.Site, box.Device, 1, alertId));

        Assert.Equal(new EventReceipt(1, alertId), Assert.Single(first.Events));
        Assert.Equal(new SnapshotReceipt(alertId, 1), Assert.Single(snapshot.Snapshots));
        Assert.Equal(first.Events, again.Events);
        var alert = await relay.Store.GetAlertAsync(alertId, TestContext.Current.CancellationToken);
        Assert.Single(alert!.Events);
        Assert.Equal(1, relay.Counters.EventsDuplicate);
    }

    [Fact]
    public async Task ExternalMode_GeneratedAcl_RefusesCrossDeviceAccess()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var mosquitto = await MosquittoBroker.StartAsync(s_a, s_b);
        await using var relay = await RelayUnderTest.StartExternalAsync(mosquitto, null, s_a, s_b);
        await using var a = new TestDevice(s_a.Id, s_a.Password, mosquitto.Port);
        await using var b = new TestDevice(s_b.Id, s_b.Password, mosquitto.Port);
        await a.ConnectAndSubscribeAsync();
        await b.ConnectAndSubscribeAsync();
        var forged = Raised(s_b.Id.Site, s_b.Id.Device, 1, Guid.CreateVersion7());

        // mosquitto's acl_file grants SUBSCRIBE and filters at delivery: what matters is that nothing arrives.
        await a.SubscribeAsync(
            TopicNames.Commands(s_b.Id.Site, s_b.Id.Device),
            TopicNames.Receipts(s_b.Id.Site, s_b.Id.Device),
            $"{TopicNames.Root}/+/+/alerts",
            "#");
        var command = await relay.Commands.SendAsync(b.Site, b.Device, Command(CommandKind.DrillStart), ct);
        var atB = await b.NextCommandAsync();
        await b.PublishEventAndAwaitReceiptAsync(Raised(b.Site, b.Device, 1, Guid.CreateVersion7()));
        await a.PublishAsync(TopicNames.Alerts(s_b.Id.Site, s_b.Id.Device), ContractSerializer.Serialize(forged));

        // mosquitto delivers to one client in order: once A has its own receipt, anything leaked before it would be here.
        await a.PublishEventAndAwaitReceiptAsync(Raised(a.Site, a.Device, 1, Guid.CreateVersion7()));

        Assert.Equal(command.CommandId, atB.CommandId);
        Assert.Empty(a.ForeignTopics);
        Assert.Null(await relay.Store.GetAlertAsync(forged.AlertId!.Value, ct));
        Assert.Equal(1, (await relay.Store.GetSequenceAsync(s_b.Id, ct)).HighestReceived);
    }

    [Fact]
    public async Task ExternalMode_AfterTheBrokerRestarts_TheRelayReconnectsAndResubscribes()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync(s_a);
        await using var relay = await RelayUnderTest.StartExternalAsync(mosquitto, null, s_a);
        await using (var before = new TestDevice(s_a.Id, s_a.Password, mosquitto.Port))
        {
            await before.ConnectAndSubscribeAsync();
            await before.PublishEventAndAwaitReceiptAsync(Raised(before.Site, before.Device, 1, Guid.CreateVersion7()));
        }

        // persistence is off: the relay's session and subscriptions are gone, only a re-subscribe brings them back.
        await relay.WaitForResubscribeAsync(mosquitto.RestartAsync);

        await using var after = new TestDevice(s_a.Id, s_a.Password, mosquitto.Port);
        await after.ConnectAndSubscribeAsync();
        var receipt = await after.PublishEventAndAwaitReceiptAsync(Raised(after.Site, after.Device, 2, Guid.CreateVersion7()));

        Assert.Equal(2, Assert.Single(receipt.Events).Seq);
        Assert.True(relay.Client.Health.Connects >= 2);
    }

    [Fact]
    public async Task ExternalMode_WrongPassword_IsRefusedByMosquitto()
    {
        await using var mosquitto = await MosquittoBroker.StartAsync(s_a);
        await using var box = new TestDevice(s_a.Id, s_a.Password, mosquitto.Port);

        var code = await box.ConnectAsync(password: "not-the-password");

        Assert.NotEqual(MqttClientConnectResultCode.Success, code);
    }
}
