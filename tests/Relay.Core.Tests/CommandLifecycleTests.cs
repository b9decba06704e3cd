using Edge.Contracts.Messages;
using Microsoft.Extensions.Options;
using Relay.Core.Commands;
using Relay.Core.Devices;
using Relay.Testing;
using static Relay.Testing.TestMessages;

namespace Relay.Core.Tests;

public sealed class CommandLifecycleTests : IDisposable
{
    private readonly TestStore _store = new();
    private readonly CommandLedger _ledger;
    private readonly DeviceId _device = new("mairie-centre", "accueil");

    public CommandLifecycleTests() =>
        _ledger = new CommandLedger(_store.Store, _store.Store, Options.Create(new CommandOptions { PendingLifetime = TimeSpan.FromHours(24) }), _store.Time);

    public void Dispose() => _store.Dispose();

    [Fact]
    public async Task Accept_ForAnUnknownDevice_IsRefusedWithAClearError()
    {
        var ex = await Assert.ThrowsAsync<UnknownDeviceException>(() => _ledger.AcceptAsync(_device, Command(), TestContext.Current.CancellationToken));

        Assert.Contains("mairie-centre.accueil", ex.Message, StringComparison.Ordinal);
        Assert.Contains("devices add", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accept_AnInvalidCommand_IsRefused()
    {
        await _store.RegisterAsync(_device);

        await Assert.ThrowsAsync<ArgumentException>(() => _ledger.AcceptAsync(_device, Command(CommandKind.Acknowledge, alertId: null), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Accept_TheSameCommandIdTwice_IsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        await _store.RegisterAsync(_device);
        var command = Command();
        await _ledger.AcceptAsync(_device, command, ct);

        await Assert.ThrowsAsync<InvalidOperationException>(() => _ledger.AcceptAsync(_device, command, ct));
    }

    [Fact]
    public async Task Command_IsPendingUntilCommandApplied_ThenNoLongerDeliverable()
    {
        var ct = TestContext.Current.CancellationToken;
        await _store.RegisterAsync(_device);
        var command = await _ledger.AcceptAsync(_device, Command(), ct);
        await _ledger.MarkPublishedAsync(command.CommandId, ct);

        var before = await _ledger.GetDeliverableAsync(_device, ct);
        await _store.CommitAsync(CommandAnswer(_device.Site, _device.Device, 1, command.CommandId));
        var after = await _ledger.GetAsync(command.CommandId, ct);

        Assert.Equal(CommandStatus.Pending, command.Status);
        Assert.Equal(command.CommandId, Assert.Single(before).CommandId);
        Assert.Equal(1, before[0].PublishCount);
        Assert.Equal(CommandStatus.Applied, after!.Status);
        Assert.Equal(1, after.AnsweredBySeq);
        Assert.Empty(await _ledger.GetDeliverableAsync(_device, ct));
    }

    [Fact]
    public async Task CommandRejected_MarksItRejected_WithTheBoxsReason()
    {
        var ct = TestContext.Current.CancellationToken;
        await _store.RegisterAsync(_device);
        var command = await _ledger.AcceptAsync(_device, Command(CommandKind.DrillStop), ct);

        await _store.CommitAsync(CommandAnswer(_device.Site, _device.Device, 1, command.CommandId, applied: false));

        var answered = await _ledger.GetAsync(command.CommandId, ct);
        Assert.Equal(CommandStatus.Rejected, answered!.Status);
        Assert.Equal("output unknown", answered.Detail);
    }

    [Fact]
    public async Task AlertEventCarryingTheCommandId_AnswersTheCommand()
    {
        var ct = TestContext.Current.CancellationToken;
        await _store.RegisterAsync(_device);
        var alertId = Guid.CreateVersion7();
        var command = await _ledger.AcceptAsync(_device, Command(CommandKind.Acknowledge, alertId), ct);

        await _store.CommitAsync(Raised(_device.Site, _device.Device, 1, alertId), Closing(_device.Site, _device.Device, 2, alertId, AlertEventKind.Acknowledged, command.CommandId));

        Assert.Equal(CommandStatus.Applied, (await _ledger.GetAsync(command.CommandId, ct))!.Status);
    }

    [Fact]
    public async Task AnswerFromAnotherDevice_DoesNotAnswerTheCommand()
    {
        var ct = TestContext.Current.CancellationToken;
        await _store.RegisterAsync(_device);
        var command = await _ledger.AcceptAsync(_device, Command(), ct);

        await _store.CommitAsync(CommandAnswer("ecole-jaures", "loge", 1, command.CommandId));

        Assert.Equal(CommandStatus.Pending, (await _ledger.GetAsync(command.CommandId, ct))!.Status);
    }

    [Fact]
    public async Task UnansweredCommand_ExpiresAfterItsLifetime()
    {
        var ct = TestContext.Current.CancellationToken;
        await _store.RegisterAsync(_device);
        var command = await _ledger.AcceptAsync(_device, Command(), ct);

        _store.Time.Advance(TimeSpan.FromHours(25));

        Assert.Empty(await _ledger.GetDeliverableAsync(_device, ct));
        Assert.Equal(CommandStatus.Expired, (await _ledger.GetAsync(command.CommandId, ct))!.Status);
    }
}
