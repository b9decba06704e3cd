using FaultInjection.Tests.Lab;

namespace FaultInjection.Tests;

/// <summary>
/// Every press accepted by a box is stored by the relay exactly once, in order, and nothing else is — through each
/// fault alone, then through all of them mixed at random (fixed seed). Real processes, real mosquitto, loopback only.
/// </summary>
[Trait("peer", "mosquitto")]
public sealed class FaultInjectionTests
{
    private const int Seed = 20261128;

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [InlineData(BrokerKind.Mosquitto)]
    public async Task NoFault_Baseline(BrokerKind broker)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await FaultLab.StartAsync(broker, boxes: 2, Seed, ct);

        await lab.PressAsync(pressesPerBox: 20, ct);
        await lab.SettleAsync(ct);

        TestContext.Current.TestOutputHelper?.WriteLine(await lab.VerifyAsync(ct));
    }

    [Fact]
    public async Task BrokerStoppedAndRestarted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await FaultLab.StartAsync(BrokerKind.Mosquitto, boxes: 2, Seed, ct);

        var pressing = lab.PressAsync(pressesPerBox: 60, ct);
        for (var i = 0; i < 2; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1500), ct);
            await lab.RestartBrokerAsync(TimeSpan.FromSeconds(2), ct);
        }

        await pressing;
        await lab.SettleAsync(ct);
        TestContext.Current.TestOutputHelper?.WriteLine(await lab.VerifyAsync(ct));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TcpPathCutAndRestored(bool blackHole)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await FaultLab.StartAsync(BrokerKind.Embedded, boxes: 2, Seed, ct);

        var pressing = lab.PressAsync(pressesPerBox: 60, ct);
        for (var i = 0; i < 2; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1000), ct);
            await lab.CutPathAsync(lab.Boxes[i % 2], TimeSpan.FromSeconds(blackHole ? 8 : 3), blackHole, ct);
        }

        await pressing;
        await lab.SettleAsync(ct);
        TestContext.Current.TestOutputHelper?.WriteLine(await lab.VerifyAsync(ct));
    }

    [Fact]
    public async Task BoxKilledWithSigkillAndRestarted()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await FaultLab.StartAsync(BrokerKind.Embedded, boxes: 2, Seed, ct);

        var pressing = lab.PressAsync(pressesPerBox: 60, ct);
        for (var i = 0; i < 3; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(800), ct);
            await lab.KillBoxAsync(lab.Boxes[i % 2], TimeSpan.FromMilliseconds(500), ct);
        }

        await pressing;
        await lab.SettleAsync(ct);
        TestContext.Current.TestOutputHelper?.WriteLine(await lab.VerifyAsync(ct));
    }

    [Theory]
    [InlineData(BrokerKind.Embedded)]
    [InlineData(BrokerKind.Mosquitto)]
    public async Task RelayKilledAndRestarted(BrokerKind broker)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await FaultLab.StartAsync(broker, boxes: 2, Seed, ct);

        var pressing = lab.PressAsync(pressesPerBox: 60, ct);
        for (var i = 0; i < 2; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(1200), ct);
            await lab.KillRelayAsync(TimeSpan.FromSeconds(1), ct);
        }

        await pressing;
        await lab.SettleAsync(ct);
        TestContext.Current.TestOutputHelper?.WriteLine(await lab.VerifyAsync(ct));
    }

    [Fact]
    public async Task DuplicateAndReplayedMessagesInjected()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await FaultLab.StartAsync(BrokerKind.Mosquitto, boxes: 2, Seed, ct);

        var pressing = lab.PressAsync(pressesPerBox: 60, ct);
        for (var i = 0; i < 4; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(700), ct);
            await lab.ReplayAsync(20);
        }

        await pressing;
        await lab.SettleAsync(ct);
        Assert.True(lab.Injector!.Injected > 20, $"only {lab.Injector.Injected} messages injected");
        TestContext.Current.TestOutputHelper?.WriteLine(await lab.VerifyAsync(ct));
    }

    /// <summary>All the faults, at random moments, on random boxes, for random durations (seeded, so a failure replays).</summary>
    [Fact]
    public async Task EveryFaultMixedAtRandom_SeveralHundredPresses()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var lab = await FaultLab.StartAsync(BrokerKind.Mosquitto, boxes: 3, Seed, ct);
        using var stopFaults = CancellationTokenSource.CreateLinkedTokenSource(ct);

        var pressing = lab.PressAsync(pressesPerBox: 120, ct);
        var faults = Task.Run(async () =>
        {
            var random = new Random(Seed);
            while (!stopFaults.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(random.Next(300, 1200)), stopFaults.Token);
                var box = lab.Boxes[random.Next(lab.Boxes.Count)];
                var duration = TimeSpan.FromMilliseconds(random.Next(300, 2500));
                switch (random.Next(6))
                {
                    case 0: await lab.CutPathAsync(box, duration, blackHole: false, stopFaults.Token); break;
                    case 1: await lab.CutPathAsync(box, duration * 3, blackHole: true, stopFaults.Token); break;
                    case 2: await lab.KillBoxAsync(box, duration, stopFaults.Token); break;
                    case 3: await lab.KillRelayAsync(duration, stopFaults.Token); break;
                    case 4: await lab.RestartBrokerAsync(duration, stopFaults.Token); break;
                    default: await lab.ReplayAsync(random.Next(5, 30)); break;
                }
            }
        }, CancellationToken.None);

        await pressing;
        await stopFaults.CancelAsync();
        try
        {
            await faults;
        }
        catch (OperationCanceledException)
        {
        }

        await lab.SettleAsync(ct);
        var summary = await lab.VerifyAsync(ct);
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        Assert.True(lab.Ledgers.Values.Sum(l => l.Issued) >= 300, "fewer than 300 presses: " + summary);
    }
}
