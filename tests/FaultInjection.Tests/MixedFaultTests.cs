using FaultInjection.Tests.Lab;

namespace FaultInjection.Tests;

/// <summary>
/// Every press accepted by a box is stored by the relay exactly once, in order, and nothing else is. The baseline without faults, injected duplicates and replays, then every fault mixed at random (seeded).
/// Real processes, real mosquitto, loopback only. The three classes run in parallel.
/// </summary>
[Trait("peer", "mosquitto")]
public sealed class MixedFaultTests
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
