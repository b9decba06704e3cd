using Edge.Core.Alerts;
using Edge.Core.Health;
using Edge.Core.Scenarios;
using Edge.Worker.Hardware;
using Hardware.Gpio.Outputs;

namespace Edge.Worker.Status;

/// <summary>
/// Keeps the status LED true to the box's state, most urgent first: an alert running, then one acknowledged by the
/// crisis cell, then a fault, then no link to the relay, else idle. Silent alerts never show: the LED may be in
/// view of the person the alarm is about.
/// </summary>
public sealed class StatusIndicator(SiteHardware hardware, ScenarioEngine engine, FaultRegistry faults, LinkStatus link) : IHostedService
{
    public LedPattern Current { get; private set; } = LedPattern.Idle;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        engine.AlertsChanged += OnChanged;
        faults.Changed += OnChanged;
        link.Changed += OnChanged;
        Update();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        engine.AlertsChanged -= OnChanged;
        faults.Changed -= OnChanged;
        link.Changed -= OnChanged;
        return Task.CompletedTask;
    }

    public static LedPattern PatternFor(IEnumerable<ActiveAlert> alerts, bool anyFault, bool offline)
    {
        var visible = alerts.Where(a => !a.IsOver && !a.Scenario.Silent).ToList();
        if (visible.Any(a => a.State == AlertState.Active))
        {
            return LedPattern.Alarm;
        }

        if (visible.Any(a => a.State == AlertState.Acknowledged))
        {
            return LedPattern.Acknowledged;
        }

        if (anyFault)
        {
            return LedPattern.Fault;
        }

        return offline ? LedPattern.Offline : LedPattern.Idle;
    }

    private void OnChanged(object? sender, EventArgs e) => Update();

    private void Update()
    {
        Current = PatternFor(engine.Alerts, faults.Any, offline: !link.IsStandalone && !link.IsConnected);
        hardware.Led?.Show(Current);
    }
}
