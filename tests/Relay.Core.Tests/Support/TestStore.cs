using System.Text;
using Edge.Contracts.Messages;
using Edge.Contracts.Serialization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Relay.Core.Alerts;
using Relay.Core.Devices;
using Relay.Core.Storage;

namespace Relay.Testing;

/// <summary>A real LiteDB store in a temporary directory, on a fake clock.</summary>
internal sealed class TestStore : IDisposable
{
    private readonly TempDirectory _directory = new();

    public TestStore()
    {
        Store = LiteDbRelayStore.Open(Path, Time, NullLogger<LiteDbRelayStore>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(TestMessages.T0);

    public string Path => _directory.File("relay.db");

    public LiteDbRelayStore Store { get; private set; }

    public static IncomingEvent Incoming(AlertEvent e, DateTimeOffset receivedAt) =>
        new(e, Encoding.UTF8.GetString(ContractSerializer.Serialize(e)), receivedAt);

    public Task<BatchCommit> CommitAsync(params AlertEvent[] events) =>
        Store.CommitBatchAsync(events.Select(e => Incoming(e, Time.GetUtcNow())).ToList(), [], TestContext.Current.CancellationToken);

    public Task<BatchCommit> CommitSnapshotAsync(DeviceId device, Guid alertId, int index, byte[] jpeg) =>
        Store.CommitBatchAsync([], [new IncomingSnapshot(device, alertId, index, jpeg, Time.GetUtcNow())], TestContext.Current.CancellationToken);

    public async Task RegisterAsync(DeviceId device) =>
        await Store.AddDeviceAsync(new DeviceRecord(device, PasswordHasherForTests.Hash, Time.GetUtcNow()), TestContext.Current.CancellationToken);

    public void Reopen()
    {
        Store.Dispose();
        Store = LiteDbRelayStore.Open(Path, Time, NullLogger<LiteDbRelayStore>.Instance);
    }

    public void Dispose()
    {
        Store.Dispose();
        _directory.Dispose();
    }
}

/// <summary>One hash computed once: PBKDF2 at full cost in every test would only slow the suite down.</summary>
internal static class PasswordHasherForTests
{
    public const string Password = "correct-horse-battery";

    public static readonly string Hash = PasswordHasher.Hash(Password);
}
