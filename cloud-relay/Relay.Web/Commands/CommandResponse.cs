using Edge.Contracts.Messages;
using Relay.Core.Commands;

namespace Relay.Web.Commands;

/// <summary>
/// A command sent to a box and where it stands: pending (publishCount 0: not yet sent, the box is offline; more: sent,
/// no answer yet), applied, rejected (with the box's reason in <see cref="Detail"/>), or expired.
/// </summary>
public sealed record CommandResponse(
    Guid CommandId,
    string Site,
    string Device,
    CommandKind Kind,
    Guid? AlertId,
    string IssuedBy,
    CommandStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastPublishedAt,
    int PublishCount,
    DateTimeOffset? AnsweredAt,
    string? Detail)
{
    public static CommandResponse From(CommandRecord record) => new(
        record.CommandId,
        record.Device.Site,
        record.Device.Device,
        record.Message.Kind,
        record.Message.AlertId,
        record.Message.IssuedBy,
        record.Status,
        record.CreatedAt,
        record.LastPublishedAt,
        record.PublishCount,
        record.AnsweredAt,
        record.Detail);
}
