using FaultInjection.Tests.Lab;

namespace FaultInjection.Tests;

/// <summary>
/// Every press accepted by a box is stored by the relay exactly once, in order, and nothing else is. Faults of the network between boxes and relay: the broker going away, the TCP path cut or black-holed.
/// Real processes, real mosquitto, loopback only. The three classes run in parallel.
/// </summary>
[Trait("peer", "mosquitto")]
public sealed class NetworkFaultTests
{
    private const int Seed = 20261128;

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
}
