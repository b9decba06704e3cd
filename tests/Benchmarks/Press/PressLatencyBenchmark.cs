using System.Device.Gpio;
using System.Diagnostics;
using Benchmarks.Measurement;
using Edge.Core.Scenarios;
using Edge.Worker.Hardware;
using Edge.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Benchmarks.Press;

/// <summary>
/// The whole box in this process on the virtual board, with its real outbox on disk (fsync per append): from the
/// button's edge to the siren relay's pin, and to the alert being on stable storage.
/// </summary>
internal static class PressLatencyBenchmark
{
    public static async Task RunAsync(int presses)
    {
        Report.Header($"Press latency on the virtual board ({presses} presses, outbox fsync'd on {Path.GetTempPath()})");
        var directory = Directory.CreateTempSubdirectory("bench-press-").FullName;
        var app = EdgeApp.Create([$"--Edge:SiteFile={BenchSites.Write(directory)}", $"--Edge:DataDirectory={directory}", "--Edge:LocalApiUrl=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        try
        {
            var hardware = app.Services.GetRequiredService<SiteHardware>();
            var engine = app.Services.GetRequiredService<ScenarioEngine>();
            var toSiren = new LatencySample("button edge -> siren output on");
            var toDurable = new LatencySample("button edge -> alert durable in the outbox");
            TaskCompletionSource<long> siren = null!;
            TaskCompletionSource<(long Stored, Edge.Core.Alerts.ActiveAlert Alert)> durable = null!;
            hardware.Board.Virtual!.OutputWritten += (_, e) =>
            {
                if (e.Pin == BenchSites.SirenPin && e.Value == PinValue.High)
                {
                    siren.TrySetResult(Stopwatch.GetTimestamp());
                }
            };
            engine.AlertRaised += (_, e) => durable.TrySetResult((e.StoredTimestamp, e.Alert));
            var gestures = 0;
            var pressesSeen = 0;
            hardware.Buttons[BenchSites.Button].GestureRecognized += (_, _) => Interlocked.Increment(ref gestures);
            hardware.Buttons[BenchSites.Button].Pressed += (_, _) => Interlocked.Increment(ref pressesSeen);

            for (var i = 0; i < presses + 20; i++)
            {
                siren = new(TaskCreationOptions.RunContinuationsAsynchronously);
                durable = new(TaskCreationOptions.RunContinuationsAsynchronously);
                var edge = Stopwatch.GetTimestamp();
                hardware.SetVirtualButton(BenchSites.Button, pressed: true);
                long sirenAt;
                try
                {
                    sirenAt = await siren.Task.WaitAsync(TimeSpan.FromSeconds(10));
                }
                catch (TimeoutException)
                {
                    Console.WriteLine($"press {i}: siren level {hardware.Board.Virtual!.GetOutput(BenchSites.SirenPin)}, pattern {hardware.Outputs["siren"].Pattern?.Name}, button {hardware.Buttons[BenchSites.Button].State}, alerts {string.Join(",", engine.Alerts.Take(3).Select(a => a.State + ":" + a.Events.Count))} total {engine.Alerts.Count}, gestures {gestures}, presses {pressesSeen}");
                    throw;
                }

                var (storedAt, alert) = await durable.Task.WaitAsync(TimeSpan.FromSeconds(10));

                // The first presses warm the JIT and the disk cache up; they are not counted.
                if (i >= 20)
                {
                    toSiren.Add(edge, sirenAt);
                    toDurable.Add(edge, storedAt);
                }

                await engine.ActionsCompletedAsync(alert.Id);
                hardware.SetVirtualButton(BenchSites.Button, pressed: false);
                await engine.ClearAsync(alert.Id, "bench", null);

                // Past the 5 ms debounce lockout before the next press.
                await Task.Delay(TimeSpan.FromMilliseconds(8));
            }

            Console.WriteLine(toSiren);
            Console.WriteLine(toDurable);
            Console.WriteLine("targets: press -> siren < 5 ms at p99; press -> durable alert < 20 ms at p99");
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }
}
