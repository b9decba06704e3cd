using System.Diagnostics;
using System.Net;
using Benchmarks.Measurement;
using Edge.Contracts.Messages;
using Edge.Core.Alerts;
using Edge.Core.Outbox;
using Edge.Core.Scenarios;
using Edge.Testing.Network;
using Edge.Testing.Peers;
using Edge.Worker.Hardware;
using Edge.Worker.Hosting;
using Edge.Worker.Uplink;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Relay.Core.Devices;
using Relay.Ingest.Authorization;
using Relay.Web.Hosting;

namespace Benchmarks.Uplink;

/// <summary>
/// A relay and a box in this process, over loopback TCP through a proxy (for the outage), with the embedded broker
/// and then with a real mosquitto: from the button's edge to the relay's receipt back at the box (stored at the
/// relay, fsync'd, receipted), and the rate at which a backlog drains after an outage.
/// </summary>
internal static class UplinkBenchmark
{
    private const string DevicePassword = "bench-device-password-1";
    private const string RelayPassword = "bench-relay-password-1";

    public static async Task RunAsync(bool mosquitto, int presses, int backlog)
    {
        var broker = mosquitto ? "mosquitto" : "embedded broker";
        Report.Header($"Uplink with the {broker}: {presses} presses, then a backlog of {backlog} events after an outage");
        var directory = Directory.CreateTempSubdirectory("bench-uplink-").FullName;
        var device = new DeviceId(BenchSites.Site, BenchSites.Device);
        MosquittoProcess? mosquittoProcess = null;
        var relayArgs = new List<string>
        {
            "--urls=http://127.0.0.1:0", $"--Relay:Store:Path={Path.Combine(directory, "relay.db")}", "--Logging:LogLevel:Default=Warning",
            $"--Relay:Devices:0:Site={device.Site}", $"--Relay:Devices:0:Device={device.Device}", $"--Relay:Devices:0:Password={DevicePassword}",
        };
        if (mosquitto)
        {
            mosquittoProcess = await MosquittoProcess.StartAsync([("relay", RelayPassword), (device.Username, DevicePassword)], MosquittoAcl.Generate("relay", [device]), CancellationToken.None);
            relayArgs.AddRange(["--Relay:Broker:Mode=External", "--Relay:Broker:Host=127.0.0.1", $"--Relay:Broker:Port={mosquittoProcess.Port}", "--Relay:Broker:Username=relay", $"--Relay:Broker:Password={RelayPassword}"]);
        }
        else
        {
            relayArgs.Add("--Relay:Broker:Port=0");
        }

        var relay = RelayApp.Create([.. relayArgs]);
        await relay.StartAsync();
        var brokerPort = mosquittoProcess?.Port ?? relay.MqttEndPoint()!.Port;
        var proxy = new TcpProxy(new IPEndPoint(IPAddress.Loopback, brokerPort));
        var edge = EdgeApp.Create([$"--Edge:SiteFile={BenchSites.Write(directory)}", $"--Edge:DataDirectory={Path.Combine(directory, "edge")}", "--Edge:LocalApiUrl=http://127.0.0.1:0",
            "--Edge:Uplink:Enabled=true", $"--Edge:Uplink:Port={proxy.Port}", $"--Edge:Uplink:Password={DevicePassword}", "--Edge:Uplink:ReceiptTimeout=00:00:05",
            "--Edge:Uplink:MaxEventsInFlight=256", "--Logging:LogLevel:Default=Warning"]);
        try
        {
            var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await edge.StartAsync();
            var uplink = edge.Services.GetRequiredService<UplinkService>().Uplink!;
            uplink.Connected += (_, _) => connected.TrySetResult();
            if (uplink.IsConnected)
            {
                connected.TrySetResult();
            }

            await connected.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await MeasurePressToReceiptAsync(edge, uplink, presses, broker);
            await MeasureBacklogDrainAsync(edge, uplink, proxy, backlog, broker);
        }
        finally
        {
            await edge.StopAsync();
            await edge.DisposeAsync();
            await relay.StopAsync();
            await relay.DisposeAsync();
            await proxy.DisposeAsync();
            if (mosquittoProcess is not null)
            {
                await mosquittoProcess.DisposeAsync();
            }

            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task MeasurePressToReceiptAsync(WebApplication edge, Edge.Uplink.MqttUplink uplink, int presses, string broker)
    {
        var hardware = edge.Services.GetRequiredService<SiteHardware>();
        var engine = edge.Services.GetRequiredService<ScenarioEngine>();
        var sample = new LatencySample($"button edge -> stored at relay and receipted ({broker})");
        TaskCompletionSource<ActiveAlert> raised = null!;
        TaskCompletionSource<long> receipted = null!;
        long awaitedSeq = -1;
        engine.AlertRaised += (_, e) => raised.TrySetResult(e.Alert);
        uplink.ReceiptReceived += (_, r) =>
        {
            if (r.Events.Any(e => e.Seq == Volatile.Read(ref awaitedSeq)))
            {
                receipted.TrySetResult(Stopwatch.GetTimestamp());
            }
        };

        for (var i = 0; i < presses + 10; i++)
        {
            raised = new(TaskCreationOptions.RunContinuationsAsynchronously);
            receipted = new(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref awaitedSeq, -1);
            var start = Stopwatch.GetTimestamp();
            hardware.SetVirtualButton(BenchSites.Button, pressed: true);
            var alert = await raised.Task.WaitAsync(TimeSpan.FromSeconds(10));
            var seq = alert.Events.First(e => e.Kind == AlertEventKind.Raised).Seq;
            Volatile.Write(ref awaitedSeq, seq);

            // The receipt may have come before the sequence number was known here: then the outbox has retired it.
            var edgeOutbox = edge.Services.GetRequiredService<IOutbox>();
            if (edgeOutbox.ReadEvents(seq - 1, 1) is not [{ } pending] || pending.Seq != seq)
            {
                receipted.TrySetResult(Stopwatch.GetTimestamp());
            }

            var end = await receipted.Task.WaitAsync(TimeSpan.FromSeconds(30));
            if (i >= 10)
            {
                sample.Add(start, end);
            }

            await engine.ActionsCompletedAsync(alert.Id);
            hardware.SetVirtualButton(BenchSites.Button, pressed: false);
            await engine.ClearAsync(alert.Id, "bench", null);
            await Task.Delay(TimeSpan.FromMilliseconds(8));
        }

        Console.WriteLine(sample);
        Console.WriteLine("target: < 100 ms at p99");
    }

    private static async Task MeasureBacklogDrainAsync(WebApplication edge, Edge.Uplink.MqttUplink uplink, TcpProxy proxy, int backlog, string broker)
    {
        var outbox = edge.Services.GetRequiredService<IOutbox>();
        var engine = edge.Services.GetRequiredService<ScenarioEngine>();
        await WaitUntilAsync(() => outbox.Health.PendingEvents == 0, TimeSpan.FromSeconds(60));

        proxy.Cut();
        var fill = Stopwatch.StartNew();
        for (var i = 0; i < backlog; i++)
        {
            await engine.RecordFaultAsync("bench", "backlog", $"event {i}", raised: i % 2 == 0);
        }

        fill.Stop();
        Console.WriteLine($"{"durable appends while the link was down",-48} {backlog / fill.Elapsed.TotalSeconds,8:0} events/s ({backlog} in {fill.Elapsed.TotalSeconds:0.00} s)");

        // The box's reconnect backoff (up to Edge:Uplink:ReconnectMaxDelay after a long outage) is reported apart:
        // the drain rate is counted from the moment the link is back.
        var reconnected = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        EventHandler onConnected = (_, _) => reconnected.TrySetResult(Stopwatch.GetTimestamp());
        uplink.Connected += onConnected;
        var restoredAt = Stopwatch.GetTimestamp();
        proxy.Restore();
        var linkBackAt = await reconnected.Task.WaitAsync(TimeSpan.FromMinutes(2));
        uplink.Connected -= onConnected;
        await WaitUntilAsync(() => outbox.Health.PendingEvents == 0, TimeSpan.FromMinutes(5));
        var drained = Stopwatch.GetElapsedTime(linkBackAt);
        Console.WriteLine($"{"link back after the outage (reconnect backoff)",-48} {Stopwatch.GetElapsedTime(restoredAt, linkBackAt).TotalSeconds,8:0.00} s");
        Console.WriteLine($"{$"backlog drained once reconnected ({broker})",-48} {backlog / drained.TotalSeconds,8:0} events/s ({backlog} in {drained.TotalSeconds:0.00} s)");
        Console.WriteLine("target: >= 2000 events/s drained");
    }

    private static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout)
    {
        // A benchmark's own pacing: polling the outbox every 5 ms bounds the drain time's error to 5 ms.
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"not done within {timeout}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }
    }
}
