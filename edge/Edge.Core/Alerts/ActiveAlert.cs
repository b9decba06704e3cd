using Edge.Contracts.Messages;
using Edge.Core.Configuration.Model;

namespace Edge.Core.Alerts;

/// <summary>An alert as the box knows it while it runs: its identity, its state and the events it produced.</summary>
public sealed class ActiveAlert
{
    private readonly object _gate = new();
    private readonly List<AlertEvent> _events = [];

    public ActiveAlert(Guid id, ScenarioConfig scenario, Trigger trigger, bool drill, DateTimeOffset raisedAt)
    {
        Id = id;
        Scenario = scenario;
        Trigger = trigger;
        Drill = drill;
        RaisedAt = raisedAt;
    }

    public Guid Id { get; }

    public ScenarioConfig Scenario { get; }

    public Trigger Trigger { get; }

    public bool Drill { get; }

    public DateTimeOffset RaisedAt { get; }

    public AlertState State { get; private set; } = AlertState.Active;

    public string? AcknowledgedBy { get; private set; }

    /// <summary>False while the alert runs (active or acknowledged).</summary>
    public bool IsOver => State is AlertState.FalseAlarm or AlertState.Cleared;

    public IReadOnlyList<AlertEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    internal void Record(AlertEvent e)
    {
        lock (_gate)
        {
            _events.Add(e);
        }
    }

    /// <summary>Moves to <paramref name="next"/> if that is a step forward; returns false otherwise.</summary>
    internal bool TryMoveTo(AlertState next, string? by = null)
    {
        lock (_gate)
        {
            var allowed = (State, next) switch
            {
                (AlertState.Active, AlertState.Acknowledged) => true,
                (AlertState.Active or AlertState.Acknowledged, AlertState.FalseAlarm or AlertState.Cleared) => true,
                _ => false,
            };
            if (!allowed)
            {
                return false;
            }

            State = next;
            if (next == AlertState.Acknowledged)
            {
                AcknowledgedBy = by;
            }

            return true;
        }
    }
}
