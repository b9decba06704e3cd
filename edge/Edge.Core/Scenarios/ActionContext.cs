using Edge.Contracts.Messages;
using Edge.Core.Alerts;

namespace Edge.Core.Scenarios;

/// <summary>What an action gets to work with: its alert, and ways to add steps and snapshots to it.</summary>
public sealed class ActionContext
{
    private readonly ScenarioEngine _engine;
    private int _snapshots;

    internal ActionContext(ScenarioEngine engine, ActiveAlert alert, string actionName)
    {
        _engine = engine;
        Alert = alert;
        ActionName = actionName;
    }

    public ActiveAlert Alert { get; }

    public string ActionName { get; }

    /// <summary>Records a step of the action as an event of the alert (a preset reached, a number ringing).</summary>
    public async Task ProgressAsync(string detail, IReadOnlyDictionary<string, string>? data = null, CancellationToken cancellationToken = default) =>
        await _engine.AppendAsync(Alert, AlertEventKind.ActionProgress, cancellationToken, action: ActionName, detail: detail, data: data).ConfigureAwait(false);

    /// <summary>Stores a snapshot with the alert (sent after the alert's events) and records it on the timeline.</summary>
    public async Task<int> AddSnapshotAsync(ReadOnlyMemory<byte> jpeg, DateTimeOffset takenAt, CancellationToken cancellationToken = default)
    {
        var index = Interlocked.Increment(ref _snapshots);
        await _engine.AddSnapshotAsync(Alert, ActionName, index, jpeg, takenAt, cancellationToken).ConfigureAwait(false);
        return index;
    }

    /// <summary>A callee acknowledged by phone: the alert is acknowledged as if by the crisis cell.</summary>
    public Task AcknowledgeAsync(string by, IReadOnlyDictionary<string, string>? data = null, CancellationToken cancellationToken = default) =>
        _engine.AcknowledgeFromActionAsync(Alert, by, data, cancellationToken);
}
