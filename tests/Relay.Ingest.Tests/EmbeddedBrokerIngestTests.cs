using System.Text;
using Edge.Contracts;
using Edge.Contracts.Messages;
using Edge.Contracts.Serialization;
using Edge.Contracts.Topics;
using MQTTnet;
using MQTTnet.Formatter;
using Relay.Core.Devices;
using Relay.Core.Sites;
using Relay.Testing;
using static Relay.Testing.TestMessages;

namespace Relay.Ingest.Tests;

/// <summary>The relay with its embedded broker on a free loopback port, and real MQTT clients acting as boxes.</summary>
public sealed class EmbeddedBrokerIngestTests : IAsyncLifetime
{
    private static readonly (DeviceId Id, string Password) s_a = (new DeviceId("mairie-centre", "accueil"), "password-of-accueil");
    private static readonly (DeviceId Id, string Password) s_b = (new DeviceId("ecole-jaures", "loge"), "password-of-loge-b");

    private RelayUnderTest _relay = null!;

    public async ValueTask InitializeAsync() => _relay = await RelayUnderTest.StartEmbeddedAsync(s_a, s_b);

    public async ValueTask DisposeAsync() => await _relay.DisposeAsync();

    private TestDevice Device((DeviceId Id, string Password) account) => new(account.Id, account.Password, _relay.MqttPort);

    [Fact]
    public async Task ValidEvent_IsStored_ThenReceiptedOnTheDevicesReceiptsTopic()
    {
        await using var box = Device(s_a);
        await box.ConnectAndSubscribeAsync();
        var alertId = Guid.CreateVersion7();

        var receipt = await box.PublishEventAndAwaitReceiptAsync(Raised(box.Site, box.Device, 1, alertId));

        Assert.Equal(new EventReceipt(1, alertId), Assert.Single(receipt.Events));
        var alert = await _relay.Store.GetAlertAsync(alertId, TestContext.Current.CancellationToken);
        Assert.NotNull(alert);
        Assert.Equal(1, Assert.Single(alert.Events).Event.Seq);
    }

    [Fact]
    public async Task SameEventTwice_IsStoredOnce_AndReceiptedTwice()
    {
        await using var box = Device(s_a);
        await box.ConnectAndSubscribeAsync();
        var alertId = Guid.CreateVersion7();
        var raised = Raised(box.Site, box.Device, 1, alertId);

        var first = await box.PublishEventAndAwaitReceiptAsync(raised);
        var second = await box.PublishEventAndAwaitReceiptAsync(raised);

        Assert.Equal(first.Events, second.Events);
        Assert.Single((await _relay.Store.GetAlertAsync(alertId, TestContext.Current.CancellationToken))!.Events);
        Assert.Equal(1, _relay.Counters.EventsStored);
        Assert.Equal(1, _relay.Counters.EventsDuplicate);
    }

    [Fact]
    public async Task Snapshot_IsStoredAndReceipted()
    {
        await using var box = Device(s_a);
        await box.ConnectAndSubscribeAsync();
        var alertId = Guid.CreateVersion7();
        var jpeg = Jpeg(50_000);

        await box.PublishAsync(TopicNames.Media(box.Site, box.Device, alertId, 1), jpeg);
        var receipt = await box.NextReceiptAsync();

        Assert.Equal(new SnapshotReceipt(alertId, 1), Assert.Single(receipt.Snapshots));
        Assert.Equal(jpeg, await _relay.Store.GetSnapshotAsync(alertId, 1, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Mqtt311Device_IsServedToo()
    {
        await using var box = Device(s_a);
        await box.ConnectAndSubscribeAsync(MqttProtocolVersion.V311);

        var receipt = await box.PublishEventAndAwaitReceiptAsync(Raised(box.Site, box.Device, 1, Guid.CreateVersion7()));

        Assert.Single(receipt.Events);
    }

    [Fact]
    public async Task WrongPassword_IsRefusedAtConnect()
    {
        await using var box = Device(s_a);

        var code = await box.ConnectAsync(password: "not-the-password");

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, code);
        Assert.Equal(1, _relay.Access.Denied["connect-wrong-password"]);
    }

    [Fact]
    public async Task UnknownDevice_IsRefusedAtConnect()
    {
        await using var stranger = new TestDevice(new DeviceId("mairie-centre", "inconnu"), "some-password-123", _relay.MqttPort);

        var code = await stranger.ConnectAsync();

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, code);
        Assert.Equal(1, _relay.Access.Denied["connect-unknown-device"]);
    }

    [Fact]
    public async Task RelaysOwnAccount_WithoutItsPerStartPassword_IsRefused()
    {
        await using var impostor = new TestDevice(s_a.Id, s_a.Password, _relay.MqttPort);
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _relay.MqttPort)
            .WithClientId("relay")
            .WithCredentials("relay", "relay")
            .Build();

        using var token = Bounded.Token();
        var result = await impostor.Client.ConnectAsync(options, token.Token);

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
        Assert.Equal(1, _relay.Access.Denied["connect-relay-account-refused"]);
        Assert.True(_relay.Client.IsConnected);
    }

    [Fact]
    public async Task ClientIdOtherThanTheUsername_IsRefused()
    {
        await using var box = Device(s_a);

        var code = await box.ConnectAsync(clientId: s_b.Id.Username);

        Assert.Equal(MqttClientConnectResultCode.ClientIdentifierNotValid, code);
    }

    [Fact]
    public async Task LastWillOnAnotherDevicesTopic_IsRefusedAtConnect()
    {
        await using var box = Device(s_a);

        var code = await box.ConnectAsync(willTopic: TopicNames.Status(s_b.Id.Site, s_b.Id.Device));

        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, code);
        Assert.Equal(1, _relay.Access.Denied["connect-foreign-will"]);
    }

    [Fact]
    public async Task DeviceA_CannotPublishToBsTopics_NorSubscribeToBsCommands_AndNothingOfItIsStored()
    {
        await using var a = Device(s_a);
        await a.ConnectAndSubscribeAsync();
        var forged = Raised(s_b.Id.Site, s_b.Id.Device, 1, Guid.CreateVersion7());

        var publish = await a.PublishAsync(TopicNames.Alerts(s_b.Id.Site, s_b.Id.Device), ContractSerializer.Serialize(forged));
        var subscribe = await a.SubscribeAsync(
            TopicNames.Commands(s_b.Id.Site, s_b.Id.Device),
            TopicNames.Receipts(s_b.Id.Site, s_b.Id.Device),
            $"{TopicNames.Root}/+/+/commands",
            "#");
        var outsideTree = await a.PublishAsync("somewhere/else", [1, 2, 3]);
        await a.PublishEventAndAwaitReceiptAsync(Raised(a.Site, a.Device, 1, Guid.CreateVersion7()));

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, publish.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, outsideTree.ReasonCode);
        Assert.All(subscribe, code => Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, code));
        Assert.Null(await _relay.Store.GetAlertAsync(forged.AlertId!.Value, TestContext.Current.CancellationToken));
        Assert.Equal(0, (await _relay.Store.GetSequenceAsync(s_b.Id, TestContext.Current.CancellationToken)).HighestReceived);
        Assert.Equal(2, _relay.Access.Denied["publish-denied"]);
        Assert.Equal(4, _relay.Access.Denied["subscribe-denied"]);
    }

    [Fact]
    public async Task Garbage_IsRejectedAndCounted_AndTheRelayKeepsWorking()
    {
        await using var box = Device(s_a);
        await box.ConnectAndSubscribeAsync();
        var valid = Encoding.UTF8.GetString(ContractSerializer.Serialize(Raised(box.Site, box.Device, 1, Guid.CreateVersion7())));
        var alerts = TopicNames.Alerts(box.Site, box.Device);

        await box.PublishAsync(alerts, "{ this is not json"u8.ToArray());
        await box.PublishAsync(alerts, Encoding.UTF8.GetBytes(valid.Replace("\"seq\":1", "\"seq\":\"one\"", StringComparison.Ordinal)));
        await box.PublishAsync(alerts, Encoding.UTF8.GetBytes(valid.Replace("\"seq\":1", "\"seq\":-4", StringComparison.Ordinal)));
        await box.PublishAsync(alerts, new byte[MessageLimits.MaxJsonBytes + 10]);
        await box.PublishAsync(alerts, ContractSerializer.Serialize(Raised(s_b.Id.Site, s_b.Id.Device, 1, Guid.CreateVersion7())));
        await box.PublishAsync(TopicNames.Media(box.Site, box.Device, Guid.CreateVersion7(), 1), "GIF89a not a jpeg"u8.ToArray());
        await box.PublishAsync(TopicNames.Heartbeat(box.Site, box.Device), "[]"u8.ToArray());
        var after = await box.PublishEventAndAwaitReceiptAsync(Raised(box.Site, box.Device, 1, Guid.CreateVersion7()));

        var rejected = _relay.Counters.Rejected;
        Assert.Equal(1, rejected["malformed-json"]);
        Assert.Equal(2, rejected["wrong-shape"]);
        Assert.Equal(1, rejected["invalid-values"]);
        Assert.Equal(1, rejected["oversized"]);
        Assert.Equal(1, rejected["topic-mismatch"]);
        Assert.Equal(1, rejected["invalid-snapshot"]);
        Assert.Single(after.Events);
        Assert.Equal(1, _relay.Counters.EventsStored);
    }

    [Fact]
    public async Task LastWill_OnAConnectionLostWithoutDisconnect_MakesTheSiteOffline()
    {
        var box = Device(s_a);
        await _relay.WaitForTransitionAsync(t => t.Device == s_a.Id && t.To == Connectivity.Online, async () =>
        {
            await box.ConnectAndSubscribeAsync();
            await box.PublishStatusAsync(DeviceState.Online);
        });

        var offline = await _relay.WaitForTransitionAsync(t => t.Device == s_a.Id && t.To == Connectivity.Offline, () =>
        {
            box.Crash();
            return Task.CompletedTask;
        });

        Assert.Equal(Connectivity.Online, offline.From);
        Assert.Equal(SiteState.Offline, _relay.Sites.Get(s_a.Id).State);
    }

    [Fact]
    public async Task Command_IsPublishedToTheDevice_AndDoneWhenItsAnswerArrives()
    {
        await using var box = Device(s_a);
        await box.ConnectAndSubscribeAsync();
        var ct = TestContext.Current.CancellationToken;

        var sent = await _relay.Commands.SendAsync(box.Site, box.Device, Command(CommandKind.DrillStart), ct);
        var received = await box.NextCommandAsync();
        var receipt = await box.PublishEventAndAwaitReceiptAsync(CommandAnswer(box.Site, box.Device, 1, received.CommandId));

        Assert.Equal(new EventReceipt(1, null), Assert.Single(receipt.Events));
        Assert.Equal(sent.CommandId, received.CommandId);
        Assert.Equal(1, sent.PublishCount);
        Assert.Equal(Relay.Core.Commands.CommandStatus.Applied, (await _relay.CommandStore.GetCommandAsync(sent.CommandId, ct))!.Status);
    }

    [Fact]
    public async Task PendingCommand_IsPublishedAgain_WhenTheDeviceComesBackOnline()
    {
        var ct = TestContext.Current.CancellationToken;
        var sent = await _relay.Commands.SendAsync(s_a.Id.Site, s_a.Id.Device, Command(CommandKind.DrillStop), ct);
        await using var box = Device(s_a);
        await box.ConnectAndSubscribeAsync();

        await box.PublishStatusAsync(DeviceState.Online);
        var received = await box.NextCommandAsync();

        Assert.Equal(sent.CommandId, received.CommandId);
    }

    [Fact]
    public async Task Command_ForAnUnknownDevice_IsRefusedWithAClearError()
    {
        var ex = await Assert.ThrowsAsync<UnknownDeviceException>(() =>
            _relay.Commands.SendAsync("mairie-centre", "inconnu", Command(), TestContext.Current.CancellationToken));

        Assert.Contains("mairie-centre.inconnu", ex.Message, StringComparison.Ordinal);
    }
}
