using Edge.Contracts.Messages;
using Edge.Contracts.Serialization;
using Microsoft.Extensions.Options;
using Relay.Core.Devices;

namespace Relay.Core.Commands;

/// <summary>
/// The lifecycle of commands that does not need MQTT: accept (device known, message valid) and record as pending,
/// list what must still be published, expire what is too old. Publishing is the ingest client's job.
/// </summary>
public sealed class CommandLedger(ICommandStore store, IDeviceStore devices, IOptions<CommandOptions> options, TimeProvider timeProvider)
{
    /// <summary>Records a command as pending, or throws: <see cref="UnknownDeviceException"/> for an unregistered
    /// device, <see cref="ArgumentException"/> for an invalid message, <see cref="InvalidOperationException"/> for a
    /// command id already used.</summary>
    public async Task<CommandRecord> AcceptAsync(DeviceId device, CommandMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (await devices.FindDeviceAsync(device, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new UnknownDeviceException(device);
        }

        try
        {
            // The serializer refuses what the box would refuse; better to say so to the operator now.
            _ = ContractSerializer.Serialize(message);
        }
        catch (InvalidOperationException ex)
        {
            throw new ArgumentException(ex.Message, nameof(message), ex);
        }

        if (await store.GetCommandAsync(message.CommandId, cancellationToken).ConfigureAwait(false) is not null)
        {
            throw new InvalidOperationException($"Command {message.CommandId} was already sent; a new command needs a new id.");
        }

        var record = new CommandRecord
        {
            Device = device,
            Message = message,
            Status = CommandStatus.Pending,
            CreatedAt = timeProvider.GetUtcNow(),
        };
        await store.AddCommandAsync(record, cancellationToken).ConfigureAwait(false);
        return record;
    }

    /// <summary>Pending commands of the device still worth sending, oldest first; older ones are marked expired.</summary>
    public async Task<IReadOnlyList<CommandRecord>> GetDeliverableAsync(DeviceId device, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var deliverable = new List<CommandRecord>();
        foreach (var command in await store.GetPendingCommandsAsync(device, cancellationToken).ConfigureAwait(false))
        {
            if (now - command.CreatedAt > options.Value.PendingLifetime)
            {
                await store.MarkExpiredAsync(command.CommandId, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                deliverable.Add(command);
            }
        }

        return deliverable;
    }

    public Task MarkPublishedAsync(Guid commandId, CancellationToken cancellationToken) =>
        store.MarkPublishedAsync(commandId, timeProvider.GetUtcNow(), cancellationToken);

    public Task<CommandRecord?> GetAsync(Guid commandId, CancellationToken cancellationToken) => store.GetCommandAsync(commandId, cancellationToken);
}
