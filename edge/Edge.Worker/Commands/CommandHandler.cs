using Edge.Contracts.Messages;
using Edge.Core.Configuration.Model;
using Edge.Core.Scenarios;
using Edge.Worker.Hardware;
using Edge.Worker.SiteUpdates;
using Edge.Worker.Triggers;
using Hardware.Gpio.Outputs;

namespace Edge.Worker.Commands;

/// <summary>
/// Applies the crisis cell's commands on the box, in order with the presses (through the trigger loop), once each:
/// a command delivered twice (QoS 1, a relay re-publishing after a reconnect) is applied once. Every command ends as
/// an event carrying its id, so the relay knows it was applied or why it was refused.
/// </summary>
public sealed partial class CommandHandler(ScenarioEngine engine, SiteHardware hardware, TriggerService triggers, SiteUpdater siteUpdater, ILogger<CommandHandler> logger)
{
    private const int RememberedCommands = 1000;

    private readonly object _gate = new();
    private readonly HashSet<Guid> _seen = [];
    private readonly Queue<Guid> _order = new();

    /// <summary>Queues the command behind the presses already queued; returns at once.</summary>
    public Task AcceptAsync(CommandMessage command)
    {
        ArgumentNullException.ThrowIfNull(command);
        lock (_gate)
        {
            if (!_seen.Add(command.CommandId))
            {
                Log.Duplicate(logger, command.CommandId, command.Kind);
                return Task.CompletedTask;
            }

            _order.Enqueue(command.CommandId);
            if (_order.Count > RememberedCommands)
            {
                _seen.Remove(_order.Dequeue());
            }
        }

        Log.Received(logger, command.Kind, command.CommandId, command.IssuedBy);
        triggers.Post(ct => ApplyAsync(command, ct));
        return Task.CompletedTask;
    }

    private async Task ApplyAsync(CommandMessage c, CancellationToken ct)
    {
        CommandOutcome outcome;
        switch (c.Kind)
        {
            case CommandKind.Acknowledge:
                outcome = await engine.AcknowledgeAsync(c.AlertId!.Value, c.IssuedBy, c.CommandId, ct);
                break;
            case CommandKind.SilenceSiren:
                outcome = await engine.SilenceSirenAsync(c.AlertId!.Value, c.IssuedBy, c.CommandId, ct);
                break;
            case CommandKind.Clear:
                outcome = await engine.ClearAsync(c.AlertId!.Value, c.IssuedBy, c.CommandId, ct);
                break;
            case CommandKind.DrillStart or CommandKind.DrillStop:
                await engine.SetDrillModeAsync(c.Kind == CommandKind.DrillStart, c.IssuedBy, c.CommandId, ct);
                return;
            case CommandKind.TestOutput:
                outcome = TestOutput(c);
                break;
            case CommandKind.ConfigPush:
                await siteUpdater.PushAsync(c, ct);
                return;
            default:
                outcome = CommandOutcome.Refused($"{c.Kind} is not supported by this box");
                break;
        }

        // Alert commands that were applied already produced their alert event (with the command id).
        var producedEvent = outcome.Applied && c.Kind is CommandKind.Acknowledge or CommandKind.SilenceSiren or CommandKind.Clear
            && engine.Find(c.AlertId!.Value)?.Events.Any(e => e.CommandId == c.CommandId) == true;
        if (!producedEvent)
        {
            await engine.RecordCommandAsync(c.CommandId, outcome.Applied, outcome.Detail, ct);
        }
    }

    private CommandOutcome TestOutput(CommandMessage c)
    {
        if (!hardware.Outputs.TryGetValue(c.Output!, out var output))
        {
            return CommandOutcome.Refused($"no output '{c.Output}' on this box");
        }

        if (output.Pattern is not null && engine.Alerts.Any(a => !a.IsOver))
        {
            return CommandOutcome.Refused($"{c.Output} is in use by a running alert");
        }

        var kind = engine.Site.Output(c.Output!)?.Kind;
        if (kind == OutputKind.Led)
        {
            return CommandOutcome.Refused("the status LED is tested by watching it, not by command");
        }

        output.Play(OutputPattern.Steady, TimeSpan.FromMilliseconds(c.DurationMs!.Value));
        return CommandOutcome.Done($"{c.Output} on for {c.DurationMs} ms (test by {c.IssuedBy})");
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Command {Kind} {CommandId} from {IssuedBy}")]
        public static partial void Received(ILogger logger, CommandKind kind, Guid commandId, string issuedBy);

        [LoggerMessage(Level = LogLevel.Debug, Message = "Command {CommandId} ({Kind}) already applied: ignored")]
        public static partial void Duplicate(ILogger logger, Guid commandId, CommandKind kind);
    }
}
