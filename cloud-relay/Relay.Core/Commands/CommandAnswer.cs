using Edge.Contracts.Messages;

namespace Relay.Core.Commands;

/// <summary>How a device event answers a command: any event carrying a command id does.</summary>
public static class CommandAnswer
{
    public static bool TryRead(AlertEvent e, out Guid commandId, out CommandStatus status)
    {
        commandId = e.CommandId ?? Guid.Empty;
        status = e.Kind == AlertEventKind.CommandRejected ? CommandStatus.Rejected : CommandStatus.Applied;
        return e.CommandId is not null;
    }

    /// <summary>
    /// Only a pending or expired command takes an answer: the first answer wins, and an expired command that the
    /// box applied late is still recorded as applied.
    /// </summary>
    public static bool CanBeAnswered(CommandStatus current) => current is CommandStatus.Pending or CommandStatus.Expired;
}
