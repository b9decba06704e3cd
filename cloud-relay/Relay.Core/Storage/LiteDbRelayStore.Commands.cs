using System.Text;
using Edge.Contracts.Serialization;
using LiteDB;
using Relay.Core.Commands;
using Relay.Core.Devices;
using Relay.Core.Storage.Documents;

namespace Relay.Core.Storage;

public sealed partial class LiteDbRelayStore
{
    public Task AddCommandAsync(CommandRecord command, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(() => _commands.Insert(new CommandDocument
        {
            Id = command.CommandId,
            Site = command.Device.Site,
            Device = command.Device.Device,
            Status = command.Status.ToString(),
            Json = Encoding.UTF8.GetString(ContractSerializer.Serialize(command.Message)),
            CreatedAt = command.CreatedAt,
            LastPublishedAt = command.LastPublishedAt,
            PublishCount = command.PublishCount,
        })));
    }

    public Task<CommandRecord?> GetCommandAsync(Guid commandId, CancellationToken cancellationToken) =>
        Task.FromResult(Read(() => _commands.FindById(commandId) is { } document ? ToRecord(document) : null));

    public Task<IReadOnlyList<CommandRecord>> GetPendingCommandsAsync(DeviceId device, CancellationToken cancellationToken) =>
        Task.FromResult(Read<IReadOnlyList<CommandRecord>>(() =>
        {
            var pending = nameof(CommandStatus.Pending);
            return _commands.Find(Query.EQ(nameof(CommandDocument.Device), device.Device))
                .Where(x => x.Site == device.Site && x.Status == pending)
                .OrderBy(x => x.CreatedAt)
                .Select(ToRecord)
                .ToList();
        }));

    public Task MarkPublishedAsync(Guid commandId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(() =>
        {
            var command = _commands.FindById(commandId);
            if (command is null)
            {
                return false;
            }

            command.LastPublishedAt = at;
            command.PublishCount++;
            return _commands.Update(command);
        }));
    }

    public Task MarkExpiredAsync(Guid commandId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Write(() =>
        {
            var command = _commands.FindById(commandId);
            if (command is null || command.Status != nameof(CommandStatus.Pending))
            {
                return false;
            }

            command.Status = nameof(CommandStatus.Expired);
            return _commands.Update(command);
        }));
    }

    private static CommandRecord ToRecord(CommandDocument document)
    {
        var read = ContractSerializer.ReadCommand(Encoding.UTF8.GetBytes(document.Json));
        if (!read.IsValid)
        {
            throw new InvalidDataException($"Stored command {document.Id} no longer reads as a CommandMessage: {read.Error}");
        }

        return new CommandRecord
        {
            Device = new DeviceId(document.Site, document.Device),
            Message = read.Message,
            Status = Enum.Parse<CommandStatus>(document.Status),
            CreatedAt = document.CreatedAt,
            LastPublishedAt = document.LastPublishedAt,
            PublishCount = document.PublishCount,
            AnsweredAt = document.AnsweredAt,
            AnsweredBySeq = document.AnsweredBySeq,
            Detail = document.Detail,
        };
    }
}
