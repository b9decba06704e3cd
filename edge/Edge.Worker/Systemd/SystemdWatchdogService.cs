using System.Globalization;
using Edge.Worker.Triggers;
using Microsoft.Extensions.Hosting.Systemd;

namespace Edge.Worker.Systemd;

/// <summary>
/// Feeds systemd's watchdog (<c>WatchdogSec=</c> in the unit) at half its period, but only while the trigger loop is
/// alive: if the loop that turns presses into alerts hangs, systemd restarts the service. Does nothing outside
/// systemd (no <c>WATCHDOG_USEC</c>).
/// </summary>
public sealed partial class SystemdWatchdogService(ISystemdNotifier notifier, TriggerService triggers, TimeProvider time, ILogger<SystemdWatchdogService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var usec = Environment.GetEnvironmentVariable("WATCHDOG_USEC");
        if (!notifier.IsEnabled || !long.TryParse(usec, NumberStyles.None, CultureInfo.InvariantCulture, out var microseconds) || microseconds <= 0)
        {
            return;
        }

        var period = TimeSpan.FromMicroseconds(microseconds / 2.0);
        Log.Enabled(logger, period);
        using var timer = new PeriodicTimer(period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // Probe the loop with a no-op; only a loop that runs it proves it is not stuck.
            var probe = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            triggers.Post(_ =>
            {
                probe.TrySetResult();
                return Task.CompletedTask;
            });
            try
            {
                await probe.Task.WaitAsync(period, time, stoppingToken);
                notifier.Notify(new ServiceState("WATCHDOG=1"));
            }
            catch (TimeoutException)
            {
                Log.LoopStuck(logger, period);
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "systemd watchdog enabled, fed every {Period}")]
        public static partial void Enabled(ILogger logger, TimeSpan period);

        [LoggerMessage(Level = LogLevel.Critical, Message = "The trigger loop did not answer within {Period}: not feeding the watchdog, systemd will restart the service")]
        public static partial void LoopStuck(ILogger logger, TimeSpan period);
    }
}
