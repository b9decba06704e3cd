using Edge.Core.Health;
using Edge.Core.Outbox;
using Edge.Core.Scenarios;
using Edge.Outbox;
using Edge.Worker.Triggers;

namespace Edge.Worker.Status;

/// <summary>
/// Turns the outbox's storage state into a fault (status page, heartbeat, LED, and an event for the relay): a disk
/// that fills up at 3 a.m. must be seen before the next press, not after.
/// </summary>
public sealed class StorageMonitor(IOutbox outbox, FaultRegistry faults, ScenarioEngine engine, TriggerService triggers, TimeProvider time) : BackgroundService
{
    private const string Code = "storage";
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (outbox is LiteDbOutbox { DamageReport: { } damage })
        {
            triggers.Post(ct => engine.RecordFaultAsync("storage-replaced", "outbox", damage, raised: true, ct));
        }

        using var timer = new PeriodicTimer(s_interval, time);
        do
        {
            var fault = outbox.Health.Fault;
            if (fault is not null && faults.Raise(Code, "outbox", fault))
            {
                triggers.Post(ct => engine.RecordFaultAsync(Code, "outbox", fault, raised: true, ct));
            }
            else if (fault is null && faults.Clear(Code, "outbox"))
            {
                triggers.Post(ct => engine.RecordFaultAsync(Code, "outbox", "storage works again", raised: false, ct));
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
