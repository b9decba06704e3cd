using Edge.Contracts.Messages;
using Relay.Core.Devices;

namespace Relay.Core.Commands;

/// <summary>A command sent to a device and where it stands.</summary>
public sealed record CommandRecord
{
    public required DeviceId Device { get; init; }

    public required CommandMessage Message { get; init; }

    public required CommandStatus Status { get; init; }

    /// <summary>When the relay accepted the command (relay clock).</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset? LastPublishedAt { get; init; }

    public int PublishCount { get; init; }

    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>The seq of the device event that answered the command.</summary>
    public long? AnsweredBySeq { get; init; }

    /// <summary>The box's reason, for a rejected command.</summary>
    public string? Detail { get; init; }

    public Guid CommandId => Message.CommandId;
}
