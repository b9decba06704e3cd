using System.Threading.Channels;
using Edge.Core.Alerts;
using Edge.Core.Health;
using Edge.Core.Scenarios;
using Edge.Worker.Hardware;
using Hardware.Gpio.Buttons;

namespace Edge.Worker.Triggers;

/// <summary>
/// Carries gestures from the button watchers (driver and timer threads) to the scenario engine, one at a time and
/// in the order they happened, and turns button faults into fault events. The watchers' handlers only enqueue, so
/// a slow disk never holds up the reading of the inputs.
/// </summary>
public sealed partial class TriggerService(SiteHardware hardware, ScenarioEngine engine, FaultRegistry faults, ILogger<TriggerService> logger) : BackgroundService
{
    private readonly Channel<Func<CancellationToken, Task>> _work = Channel.CreateUnbounded<Func<CancellationToken, Task>>(new UnboundedChannelOptions { SingleReader = true });

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var watcher in hardware.Buttons.Values)
        {
            watcher.GestureRecognized += OnGesture;
            watcher.FaultChanged += OnFault;
        }

        // Start the watchers only once the handlers are attached: nothing pressed at start can be missed.
        hardware.StartButtons();
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var watcher in hardware.Buttons.Values)
        {
            watcher.GestureRecognized -= OnGesture;
            watcher.FaultChanged -= OnFault;
        }

        _work.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    /// <summary>Queues work to run on the engine's loop, after everything queued before it.</summary>
    public void Post(Func<CancellationToken, Task> work) => _work.Writer.TryWrite(work);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Runs to the end of the queue even when stopping: a press accepted by a watcher is stored before we exit.
        await foreach (var work in _work.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await work(CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.WorkFailed(logger, ex);
            }
        }
    }

    private void OnGesture(object? sender, ButtonGestureEventArgs e)
    {
        var trigger = new Trigger(e.ButtonId, e.Gesture, e.EdgeTimestamp, e.EdgeTime);
        Post(ct => engine.HandleAsync(trigger, ct));
    }

    private void OnFault(object? sender, ButtonFaultEventArgs e)
    {
        var code = e.Fault switch
        {
            ButtonFault.WireCut => "wire-cut",
            ButtonFault.Stuck => "button-stuck",
            _ => null,
        };

        if (code is not null)
        {
            if (faults.Raise(code, e.ButtonId, e.Detail))
            {
                Post(ct => engine.RecordFaultAsync(code, e.ButtonId, $"button {e.ButtonId}: {e.Detail}", raised: true, ct));
            }

            return;
        }

        foreach (var known in new[] { "wire-cut", "button-stuck" })
        {
            if (faults.Clear(known, e.ButtonId))
            {
                Post(ct => engine.RecordFaultAsync(known, e.ButtonId, $"button {e.ButtonId}: {e.Detail}", raised: false, ct));
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Critical, Message = "Handling a press or a fault failed; the loop goes on")]
        public static partial void WorkFailed(ILogger logger, Exception ex);
    }
}
