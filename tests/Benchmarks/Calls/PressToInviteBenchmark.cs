using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Benchmarks.Measurement;
using Edge.Core.Alerts;
using Edge.Core.Scenarios;
using Edge.Worker.Hardware;
using Edge.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Benchmarks.Calls;

/// <summary>
/// From the button's edge to the first INVITE of the police call leaving the box, on loopback: a UDP socket plays the
/// PBX and notes when each new call's INVITE arrives (it never answers; the alert is cleared, which ends the call).
/// </summary>
internal static class PressToInviteBenchmark
{
    public static async Task RunAsync(int presses)
    {
        Report.Header($"Press to INVITE ({presses} presses, the PBX a UDP socket on loopback)");
        var directory = Directory.CreateTempSubdirectory("bench-call-").FullName;
        using var pbx = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)pbx.Client.LocalEndPoint!).Port;
        var invites = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        var newInvite = new SemaphoreSlim(0);
        using var stop = new CancellationTokenSource();
        var listening = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var datagram = await pbx.ReceiveAsync(stop.Token);
                var at = Stopwatch.GetTimestamp();
                var text = Encoding.UTF8.GetString(datagram.Buffer);
                if (text.StartsWith("INVITE ", StringComparison.Ordinal) && CallId(text) is { } callId && invites.TryAdd(callId, at))
                {
                    newInvite.Release();
                }
            }
        });

        WriteWav(Path.Combine(directory, "message.wav"));
        var site = BenchSites.Write(directory,
            extraYaml: $$"""
            phone:
              server: "127.0.0.1:{{port}}"
              contacts:
                - { id: police, name: "Police", uri: "sip:police@127.0.0.1:{{port}}" }
            """,
            scenarioExtra: "    call: { contacts: [police], rounds: 1, ringTimeoutSeconds: 30, message: message.wav }");
        var app = EdgeApp.Create([$"--Edge:SiteFile={site}", $"--Edge:DataDirectory={directory}", "--Edge:LocalApiUrl=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"]);
        await app.StartAsync();
        try
        {
            var hardware = app.Services.GetRequiredService<SiteHardware>();
            var engine = app.Services.GetRequiredService<ScenarioEngine>();
            var sample = new LatencySample("button edge -> INVITE received by the PBX");
            TaskCompletionSource<ActiveAlert> raised = null!;
            engine.AlertRaised += (_, e) => raised.TrySetResult(e.Alert);
            for (var i = 0; i < presses + 10; i++)
            {
                raised = new(TaskCreationOptions.RunContinuationsAsynchronously);
                var before = invites.Count;
                var start = Stopwatch.GetTimestamp();
                hardware.SetVirtualButton(BenchSites.Button, pressed: true);
                var alert = await raised.Task.WaitAsync(TimeSpan.FromSeconds(10));
                while (invites.Count == before)
                {
                    await newInvite.WaitAsync(TimeSpan.FromSeconds(10));
                }

                var invited = invites.Values.Max();
                if (i >= 10)
                {
                    sample.Add(start, invited);
                }

                hardware.SetVirtualButton(BenchSites.Button, pressed: false);
                await engine.ClearAsync(alert.Id, "bench", null);
                await engine.ActionsCompletedAsync(alert.Id).WaitAsync(TimeSpan.FromSeconds(30));
                await Task.Delay(TimeSpan.FromMilliseconds(8));
            }

            Console.WriteLine(sample);
            Console.WriteLine("target: < 50 ms at p99");
        }
        finally
        {
            await stop.CancelAsync();
            pbx.Dispose();
            try
            {
                await listening;
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
            }

            await app.StopAsync();
            await app.DisposeAsync();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string? CallId(string message)
    {
        foreach (var line in message.Split("\r\n"))
        {
            if (line.StartsWith("Call-ID:", StringComparison.OrdinalIgnoreCase) || line.StartsWith("i:", StringComparison.Ordinal))
            {
                return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
            }
        }

        return null;
    }

    /// <summary>One second of a 440 Hz tone, 8 kHz mono 16-bit PCM: the message the box would play.</summary>
    private static void WriteWav(string path)
    {
        const int rate = 8000;
        var samples = new short[rate];
        for (var i = 0; i < samples.Length; i++)
        {
            samples[i] = (short)(6000 * Math.Sin(2 * Math.PI * 440 * i / rate));
        }

        using var writer = new BinaryWriter(File.Create(path));
        writer.Write("RIFF"u8);
        writer.Write(36 + (samples.Length * 2));
        writer.Write("WAVEfmt "u8);
        writer.Write(16);
        writer.Write((short)1);
        writer.Write((short)1);
        writer.Write(rate);
        writer.Write(rate * 2);
        writer.Write((short)2);
        writer.Write((short)16);
        writer.Write("data"u8);
        writer.Write(samples.Length * 2);
        foreach (var sample in samples)
        {
            writer.Write(sample);
        }
    }
}
