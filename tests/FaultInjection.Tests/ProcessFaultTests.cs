using FaultInjection.Tests.Lab;

namespace FaultInjection.Tests;

/// <summary>
/// Every press accepted by a box is stored by the relay exactly once, in order, and nothing else is. Processes killed without warning: a box, the relay (and with it, in embedded mode, the broker).
/// Real processes, real mosquitto, loopback only. The three classes run in parallel.
/// </summary>
[Trait("peer", "mosquitto")]
public sealed class ProcessFaultTests
{
    private const int Seed = 20261128;

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
}
