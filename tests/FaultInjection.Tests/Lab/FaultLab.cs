using System.Net;
using Edge.Testing.Network;
using Edge.Testing.Peers;
using Microsoft.Extensions.Logging.Abstractions;
using Relay.Core.Alerts;
using Relay.Core.Devices;
using Relay.Core.Storage;
using Relay.Ingest.Authorization;
using Edge.Contracts.Messages;

namespace FaultInjection.Tests.Lab;

/// <summary>
/// A town in miniature, on loopback: a relay (with its embedded broker or behind a real mosquitto), a few boxes on
/// virtual boards, each behind a proxy the test controls, a presser that keeps a ledger, and the faults to inject.
/// At the end, the relay's store is read and compared with the ledgers.
/// </summary>
internal sealed class FaultLab : IAsyncDisposable
{
    private const string RelayPassword = "relay-broker-password-1";

    private readonly string _root;
    private readonly List<TcpProxy> _proxies = [];

    private FaultLab(string root, BrokerKind broker, Random random)
    {
        _root = root;
        Broker = broker;
        Random = random;
    }

    public BrokerKind Broker { get; }

    public Random Random { get; }

    public RelayProcess Relay { get; private set; } = null!;

    public MosquittoProcess? Mosquitto { get; private set; }

    public Injector? Injector { get; private set; }

    public List<EdgeProcess> Boxes { get; } = [];

    public Dictionary<EdgeProcess, Ledger> Ledgers { get; } = [];

    /// <summary>What happened, in order, for the failure message of a test that does not hold.</summary>
    public List<string> Journal { get; } = [];

    public static async Task<FaultLab> StartAsync(BrokerKind broker, int boxes, int seed, CancellationToken cancellationToken)
    {
        var lab = new FaultLab(Directory.CreateTempSubdirectory("fault-lab-").FullName, broker, new Random(seed));
        try
        {
            await lab.StartCoreAsync(boxes, cancellationToken);
        }
        catch
        {
            await lab.DisposeAsync();
            throw;
        }

        return lab;
    }

    public void Note(string what) => Journal.Add($"{TimeProvider.System.GetUtcNow():HH:mm:ss.fff} {what}");

    /// <summary>Presses the boxes in turn until <paramref name="pressesPerBox"/> presses were issued to each, skipping
    /// boxes that are down at that moment. Each press waits for the box's outbox to move on (confirmation), bounded.</summary>
    public async Task PressAsync(int pressesPerBox, CancellationToken cancellationToken)
    {
        // Slower than a person can press: each press is released and debounced before the next.
        using var pace = new PeriodicTimer(TimeSpan.FromMilliseconds(60));
        while (Ledgers.Values.Any(l => l.Issued < pressesPerBox))
        {
            foreach (var box in Boxes.Where(b => Ledgers[b].Issued < pressesPerBox))
            {
                await PressOnceAsync(box, cancellationToken);
            }

            await pace.WaitForNextTickAsync(cancellationToken);
        }
    }

    /// <summary>Faults over: every box running and reachable, every outbox empty. Bounded.</summary>
    public async Task SettleAsync(CancellationToken cancellationToken)
    {
        foreach (var proxy in _proxies)
        {
            proxy.Restore();
        }

        foreach (var box in Boxes.Where(b => !b.IsRunning))
        {
            await box.StartAsync(cancellationToken);
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(120));
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        var states = new List<string>();
        while (true)
        {
            try
            {
                var now = new List<string>();
                var settled = true;
                foreach (var box in Boxes)
                {
                    var outbox = await box.OutboxAsync(cts.Token);
                    now.Add($"{box.Site}: {outbox}");
                    settled &= outbox is { Pending: 0, Connected: true };
                }

                states = now;
                if (settled)
                {
                    Note("settled: " + string.Join("; ", states));
                    return;
                }

                await poll.WaitForNextTickAsync(cts.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var links = new List<string>();
                foreach (var box in Boxes)
                {
                    links.Add($"{box.Site} link: {await box.LinkReportAsync()}");
                }

                throw new TimeoutException("The boxes did not drain within 120 s: " + string.Join("; ", states) + Environment.NewLine + string.Join(Environment.NewLine, links) + Environment.NewLine + Report() +
                    Environment.NewLine + "relay: " + Tail(Relay.Output) + Environment.NewLine + "mosquitto: " + Tail(Mosquitto?.Log ?? string.Empty) +
                    string.Concat(Boxes.Select(b => Environment.NewLine + b.Site + ": " + Tail(b.Output))));
            }
        }
    }

    /// <summary>
    /// The reckoning, on the relay's own store once it has stopped: for each box, every event it numbered is stored
    /// exactly once (no gap, nothing beyond its last number), every press it confirmed is there, and nothing is there
    /// that was not pressed. Returns a summary for the test output.
    /// </summary>
    public async Task<string> VerifyAsync(CancellationToken cancellationToken)
    {
        var finals = new Dictionary<EdgeProcess, long>();
        foreach (var box in Boxes)
        {
            finals[box] = (await box.OutboxAsync(cancellationToken))?.LastSeq ?? throw new InvalidOperationException($"{box.Site} does not answer");
        }

        await Relay.StopAsync();
        using var store = LiteDbRelayStore.Open(Relay.StorePath, TimeProvider.System, NullLogger<LiteDbRelayStore>.Instance);
        var lines = new List<string>();
        foreach (var box in Boxes)
        {
            var device = new DeviceId(box.Site, box.Device);
            var sequence = await store.GetSequenceAsync(device, cancellationToken);
            var alerts = await store.GetAlertsAsync(new AlertQuery(AlertQuery.MaxLimit, box.Site), cancellationToken);
            var events = alerts.SelectMany(a => a.Events).Select(e => e.Event).ToList();
            var pressEvents = events.Count(e => e.Kind is AlertEventKind.Raised or AlertEventKind.PressedAgain);
            var ledger = Ledgers[box];
            var where = $"{box.Site}: box numbered {finals[box]} events; relay holds up to {sequence.HighestReceived} contiguous to {sequence.HighestContiguous}, " +
                $"gaps [{string.Join(", ", sequence.Gaps)}]; presses issued {ledger.Issued}, confirmed {ledger.Confirmed}, unanswered {ledger.Uncertain}, stored {pressEvents}";
            lines.Add(where);

            Assert.True(alerts.Count < AlertQuery.MaxLimit, "more alerts than one query returns: " + where);
            Assert.True(sequence.Gaps.Count == 0, "gap: " + where + Environment.NewLine + Report());
            Assert.True(sequence.HighestContiguous == finals[box] && sequence.HighestReceived == finals[box], "not every event arrived, or more: " + where + Environment.NewLine + Report());
            Assert.True(events.Select(e => e.Seq).Distinct().Count() == events.Count, "an event stored twice: " + where);
            Assert.All(alerts, a => Assert.True(a.Events.Select(e => e.Event.Seq).SequenceEqual(a.Events.Select(e => e.Event.Seq).Order()), "events out of order in " + a.Alert.AlertId));
            Assert.True(pressEvents >= ledger.Confirmed, "a confirmed press is missing: " + where + Environment.NewLine + Report());
            Assert.True(pressEvents <= ledger.Issued + ledger.Uncertain, "more presses stored than made: " + where);
            Assert.All(events, e => Assert.Equal((box.Site, box.Device), (e.Site, e.Device)));
        }

        return string.Join(Environment.NewLine, lines.Concat(Journal));
    }

    public string Report() => string.Join(Environment.NewLine, Journal);

    private static string Tail(string text) => text.Length > 3000 ? text[^3000..] : text;

    // ---- Faults ----

    public async Task CutPathAsync(EdgeProcess box, TimeSpan duration, bool blackHole, CancellationToken cancellationToken)
    {
        Note($"{(blackHole ? "black-hole" : "cut")} {box.Site} for {duration.TotalMilliseconds:0} ms");
        if (blackHole)
        {
            box.Proxy.BlackHole();
        }
        else
        {
            box.Proxy.Cut();
        }

        await DownForAsync(duration, cancellationToken);
        box.Proxy.Restore();
        Note($"restored {box.Site}");
    }

    /// <summary>
    /// Keeps a fault in place for <paramref name="downFor"/>, or less when the run stops injecting faults: whatever was
    /// taken down is then brought back at once, so that no fault outlives the run (a broker left dead would fail the
    /// settling for a reason that is the lab's, not the box's).
    /// </summary>
    private static async Task DownForAsync(TimeSpan downFor, CancellationToken stopFaults)
    {
        try
        {
            await Task.Delay(downFor, stopFaults);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async Task KillBoxAsync(EdgeProcess box, TimeSpan downFor, CancellationToken cancellationToken)
    {
        Note($"SIGKILL {box.Site}");
        await box.KillAsync();
        await DownForAsync(downFor, cancellationToken);
        await box.StartAsync(CancellationToken.None);
        Note($"restarted {box.Site}");
    }

    public async Task KillRelayAsync(TimeSpan downFor, CancellationToken cancellationToken)
    {
        Note("SIGKILL relay");
        await Relay.KillAsync();
        await DownForAsync(downFor, cancellationToken);
        await Relay.StartAsync(CancellationToken.None);
        Note("relay restarted");
    }

    public async Task RestartBrokerAsync(TimeSpan downFor, CancellationToken cancellationToken)
    {
        var mosquitto = Mosquitto ?? throw new InvalidOperationException("Only the mosquitto lab has a broker of its own.");
        Note("SIGKILL mosquitto");
        await mosquitto.KillAsync();
        await DownForAsync(downFor, cancellationToken);
        await mosquitto.RestartAsync(CancellationToken.None);
        Note("mosquitto restarted");
        if (Injector is not null)
        {
            await Injector.DisposeAsync();
            Injector = new Injector(Random);
            await Injector.ConnectAsync(mosquitto.Port, CancellationToken.None);
        }
    }

    public async Task ReplayAsync(int count)
    {
        var injector = Injector ?? throw new InvalidOperationException("Only the mosquitto lab injects messages.");
        Note($"replay {count} old events");
        await injector.ReplayAsync(count);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var box in Boxes)
        {
            await box.DisposeAsync();
        }

        if (Relay is not null)
        {
            await Relay.DisposeAsync();
        }

        if (Injector is not null)
        {
            await Injector.DisposeAsync();
        }

        if (Mosquitto is not null)
        {
            await Mosquitto.DisposeAsync();
        }

        foreach (var proxy in _proxies)
        {
            await proxy.DisposeAsync();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task PressOnceAsync(EdgeProcess box, CancellationToken cancellationToken)
    {
        var before = await box.OutboxAsync(cancellationToken);
        if (before is null)
        {
            return;
        }

        var taken = await box.PressAsync(cancellationToken);
        if (taken is null)
        {
            Ledgers[box].PressUncertain();
            return;
        }

        if (taken is false)
        {
            return;
        }

        Ledgers[box].PressIssued();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(3));
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        try
        {
            while (await poll.WaitForNextTickAsync(cts.Token))
            {
                var after = await box.OutboxAsync(cts.Token);
                if (after is null)
                {
                    return;
                }

                if (after.Value.LastSeq > before.Value.LastSeq)
                {
                    Ledgers[box].PressConfirmed();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Not confirmed in time (the box was killed, say): it may or may not be stored; the ledger allows both.
        }
    }

    private async Task StartCoreAsync(int boxes, CancellationToken cancellationToken)
    {
        var devices = Enumerable.Range(1, boxes).Select(i => (Site: $"site-{(char)('a' + i - 1)}", Device: "box-1", Password: $"box-password-{i}-{Random.Next():x}")).ToList();
        var relaySettings = new List<string>();
        int brokerPort;
        if (Broker == BrokerKind.Mosquitto)
        {
            var acl = MosquittoAcl.Generate("relay", devices.Select(d => new DeviceId(d.Site, d.Device))) +
                $"{Environment.NewLine}user {Injector.User}{Environment.NewLine}topic readwrite edge/v1/#{Environment.NewLine}";
            Mosquitto = await MosquittoProcess.StartAsync([("relay", RelayPassword), (Injector.User, Injector.Password), .. devices.Select(d => ($"{d.Site}.{d.Device}", d.Password))], acl, cancellationToken);
            brokerPort = Mosquitto.Port;
            relaySettings.AddRange(["--Relay:Broker:Mode=External", "--Relay:Broker:Host=127.0.0.1", $"--Relay:Broker:Port={brokerPort}", "--Relay:Broker:Username=relay", $"--Relay:Broker:Password={RelayPassword}"]);
        }
        else
        {
            brokerPort = Ports.Free();
            relaySettings.Add($"--Relay:Broker:Port={brokerPort}");
        }

        // The relay ingests only devices it knows, whichever broker authenticated them.
        for (var i = 0; i < devices.Count; i++)
        {
            relaySettings.AddRange([$"--Relay:Devices:{i}:Site={devices[i].Site}", $"--Relay:Devices:{i}:Device={devices[i].Device}", $"--Relay:Devices:{i}:Password={devices[i].Password}"]);
        }

        Relay = new RelayProcess(_root, relaySettings);
        await Relay.StartAsync(cancellationToken);
        if (Mosquitto is not null)
        {
            Injector = new Injector(Random);
            await Injector.ConnectAsync(Mosquitto.Port, cancellationToken);
        }

        foreach (var (site, device, password) in devices)
        {
            var proxy = new TcpProxy(new IPEndPoint(IPAddress.Loopback, brokerPort));
            _proxies.Add(proxy);
            var box = new EdgeProcess(_root, site, device, password, proxy);
            Boxes.Add(box);
            Ledgers[box] = new Ledger();
        }

        await Task.WhenAll(Boxes.Select(b => b.StartAsync(cancellationToken)));
        Note($"lab up: {Broker}, {boxes} boxes");
    }
}
