using Relay.Core.Devices;

namespace Relay.Core.Commands;

/// <summary>Commands sent to devices. Answers are recorded by <see cref="Alerts.IAlertStore.CommitBatchAsync"/>, in the
/// same transaction as the answering event.</summary>
public interface ICommandStore
{
    Task AddCommandAsync(CommandRecord command, CancellationToken cancellationToken);

    Task<CommandRecord?> GetCommandAsync(Guid commandId, CancellationToken cancellationToken);

    Task<IReadOnlyList<CommandRecord>> GetPendingCommandsAsync(DeviceId device, CancellationToken cancellationToken);

    Task MarkPublishedAsync(Guid commandId, DateTimeOffset at, CancellationToken cancellationToken);

    Task MarkExpiredAsync(Guid commandId, CancellationToken cancellationToken);
}
