using Edge.Contracts.Messages;
using Edge.Contracts.Serialization;
using Edge.Contracts.Topics;
using Microsoft.Extensions.Logging;
using Relay.Core.Commands;
using Relay.Core.Devices;

namespace Relay.Ingest.Client;

/// <summary>
/// Sends commands to boxes: recorded as pending first, then published at QoS 1 on the device's commands topic.
/// A command stays pending until the box answers it (an event carrying its id); until then it is published again
/// each time the box comes back online. Boxes apply a command id once, so repeats are harmless.
/// </summary>
public sealed partial class RelayCommands(CommandLedger ledger, IngestClient client, ILogger<RelayCommands> logger)
{
    /// <summary>
    /// Throws <see cref="UnknownDeviceException"/> for a device not registered here, <see cref="ArgumentException"/>
    /// for an invalid site/device identifier or message, <see cref="InvalidOperationException"/> for a reused
    /// command id. Returns the command as recorded (status pending, published or not yet).
    /// </summary>
    public async Task<CommandRecord> SendAsync(string site, string device, CommandMessage command, CancellationToken cancellationToken)
    {
        if (!Identifiers.IsValid(site) || !Identifiers.IsValid(device))
        {
            throw new ArgumentException($"'{site}'/'{device}' is not a valid site/device: {Identifiers.Rule}.");
        }

        var record = await ledger.AcceptAsync(new DeviceId(site, device), command, cancellationToken).ConfigureAwait(false);
        await PublishAsync(record, cancellationToken).ConfigureAwait(false);
        return await ledger.GetAsync(record.CommandId, cancellationToken).ConfigureAwait(false) ?? record;
    }

    public async Task RepublishPendingAsync(DeviceId device, CancellationToken cancellationToken)
    {
        foreach (var command in await ledger.GetDeliverableAsync(device, cancellationToken).ConfigureAwait(false))
        {
            await PublishAsync(command, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task PublishAsync(CommandRecord command, CancellationToken cancellationToken)
    {
        var topic = TopicNames.Commands(command.Device.Site, command.Device.Device);
        if (await client.PublishAsync(topic, ContractSerializer.Serialize(command.Message), cancellationToken).ConfigureAwait(false))
        {
            await ledger.MarkPublishedAsync(command.CommandId, cancellationToken).ConfigureAwait(false);
            LogPublished(logger, command.Message.Kind.ToString(), command.CommandId, command.Device.Username);
        }
        else
        {
            LogDeferred(logger, command.CommandId, command.Device.Username);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Command {Kind} {CommandId} published to {Device}")]
    private static partial void LogPublished(ILogger logger, string kind, Guid commandId, string device);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Command {CommandId} for {Device} could not be published now; it stays pending and is sent again when the box is back online")]
    private static partial void LogDeferred(ILogger logger, Guid commandId, string device);
}
