using Edge.Contracts.Messages;
using Edge.Contracts.Serialization;
using Edge.Core.Scenarios;
using Edge.Testing.Outbox;
using Edge.Uplink.Draining;
using Microsoft.Extensions.Time.Testing;

namespace Edge.Uplink.Tests.Draining;

public sealed class OutboxDrainerTests
{
    private static readonly DeviceIdentity s_device = new(TestEvents.Site, TestEvents.Device);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
    private readonly InMemoryOutbox _outbox = new();
    private readonly List<(string Topic, byte[] Payload)> _published = [];
    private readonly UplinkOptions _options = new() { MaxEventsInFlight = 3, MaxSnapshotsInFlight = 1, ReceiptTimeout = TimeSpan.FromSeconds(10) };
    private bool _linkUp = true;

    private OutboxDrainer NewDrainer() => new(_outbox, s_device, (topic, payload, _) =>
    {
        if (!_linkUp)
        {
            return Task.FromResult(false);
        }

        _published.Add((topic, payload));
        return Task.FromResult(true);
    }, _options, _time);

    private List<long> PublishedSeqs => [.. _published.Where(p => p.Topic.EndsWith("/alerts", StringComparison.Ordinal)).Select(p => ContractSerializer.ReadAlertEvent(p.Payload).Message!.Seq)];

    [Fact]
    public async Task Pump_SendsInSequenceOrder_UpToTheWindow()
    {
        await AppendEventsAsync(5);
        var drainer = NewDrainer();

        Assert.True(await drainer.PumpAsync(TestContext.Current.CancellationToken));

        Assert.Equal([1L, 2, 3], PublishedSeqs);
        Assert.Equal(3, drainer.EventsInFlight);
        Assert.Equal(5, _outbox.Health.PendingEvents);
    }

    [Theory]
    [InlineData(0, 4)]   // no Receive Maximum from the broker: the box's own window (MaxPublishesInFlight)
    [InlineData(2, 2)]   // the broker's Receive Maximum is lower: never more than it allows
    public async Task Publishes_AreStartedInOrder_AWindowOfThemAwaitingTheirPubackAtOnce(int brokerReceiveMaximum, int window)
    {
        await AppendEventsAsync(6);
        var options = new UplinkOptions { MaxEventsInFlight = 10, MaxPublishesInFlight = 4 };
        var started = System.Threading.Channels.Channel.CreateUnbounded<(long Seq, TaskCompletionSource<bool> Puback)>();
        var drainer = new OutboxDrainer(_outbox, s_device, (_, payload, _) =>
        {
            var puback = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            started.Writer.TryWrite((ContractSerializer.ReadAlertEvent(payload).Message!.Seq, puback));
            return puback.Task;
        }, options, _time);
        drainer.Reset(brokerReceiveMaximum);

        var pumping = drainer.PumpAsync(TestContext.Current.CancellationToken);

        // Until their PUBACKs come, exactly one window is on the wire, in sequence order; then the next one goes.
        var seen = new List<long>();
        while (seen.Count < 6)
        {
            var batch = new List<(long Seq, TaskCompletionSource<bool> Puback)>();
            for (var i = 0; i < Math.Min(window, 6 - seen.Count); i++)
            {
                batch.Add(await started.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
            }

            Assert.False(started.Reader.TryRead(out _));
            Assert.False(pumping.IsCompleted);
            seen.AddRange(batch.Select(b => b.Seq));
            batch.ForEach(b => b.Puback.SetResult(true));
        }

        Assert.True(await pumping.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        Assert.Equal([1L, 2, 3, 4, 5, 6], seen);
        Assert.Equal(6, drainer.EventsInFlight);
        Assert.Equal(6, drainer.Sent);
    }

    [Fact]
    public async Task Receipt_RetiresOnlyWhatItNames_AndOpensTheWindow()
    {
        await AppendEventsAsync(5);
        var drainer = NewDrainer();
        await drainer.PumpAsync(TestContext.Current.CancellationToken);

        drainer.OnReceipt(new ReceiptMessage { Events = [new EventReceipt(1), new EventReceipt(2)] });
        await drainer.PumpAsync(TestContext.Current.CancellationToken);

        Assert.Equal([1L, 2, 3, 4, 5], PublishedSeqs);
        Assert.Equal(3, _outbox.Health.PendingEvents);
    }

    [Fact]
    public async Task NoReceipt_WithinTheTimeout_SendsTheSameEventAgain()
    {
        await AppendEventsAsync(1);
        var drainer = NewDrainer();
        await drainer.PumpAsync(TestContext.Current.CancellationToken);

        _time.Advance(TimeSpan.FromSeconds(9));
        await drainer.PumpAsync(TestContext.Current.CancellationToken);
        Assert.Equal([1L], PublishedSeqs);
        Assert.Equal(TimeSpan.FromSeconds(1), drainer.NextResendIn());

        _time.Advance(TimeSpan.FromSeconds(1));
        await drainer.PumpAsync(TestContext.Current.CancellationToken);

        Assert.Equal([1L, 1], PublishedSeqs);
        Assert.Equal(1, drainer.Resent);
    }

    [Fact]
    public async Task AResendWhosePubackTakesLongerThanTheReceiptTimeout_StaysInFlight_AndIsSentAgainLater()
    {
        // Regression: after a broker restart a resend's PUBACK can take longer than the receipt timeout; the event was
        // then taken for receipted, dropped from flight behind the cursor, and never sent again (the box stalled with
        // events pending until its next reconnect).
        await AppendEventsAsync(1);
        var publishes = 0;
        var drainer = new OutboxDrainer(_outbox, s_device, (_, _, _) =>
        {
            if (++publishes == 2)
            {
                _time.Advance(TimeSpan.FromSeconds(11));   // the resend's PUBACK comes after the receipt timeout
            }

            return Task.FromResult(true);
        }, _options, _time);
        await drainer.PumpAsync(TestContext.Current.CancellationToken);

        _time.Advance(TimeSpan.FromSeconds(10));
        await drainer.PumpAsync(TestContext.Current.CancellationToken);

        Assert.Equal(2, publishes);
        Assert.Equal(1, drainer.EventsInFlight);
        Assert.NotNull(drainer.NextResendIn());
        _time.Advance(drainer.NextResendIn()!.Value);
        await drainer.PumpAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, publishes);
        Assert.Equal(1, _outbox.Health.PendingEvents);
    }

    [Fact]
    public async Task Reset_AfterAReconnect_SendsEverythingUnreceiptedFromTheStart()
    {
        await AppendEventsAsync(3);
        var drainer = NewDrainer();
        await drainer.PumpAsync(TestContext.Current.CancellationToken);
        drainer.OnReceipt(new ReceiptMessage { Events = [new EventReceipt(2)] });

        drainer.Reset();
        await drainer.PumpAsync(TestContext.Current.CancellationToken);

        Assert.Equal([1L, 2, 3, 1, 3], PublishedSeqs);
    }

    [Fact]
    public async Task Snapshots_WaitUntilEveryEventIsOnItsWay()
    {
        var alert = Guid.CreateVersion7();
        await _outbox.AppendSnapshotAsync(alert, 1, new byte[] { 0xFF, 0xD8 }, _time.GetUtcNow(), TestContext.Current.CancellationToken);
        await AppendEventsAsync(4);
        var drainer = NewDrainer();

        await drainer.PumpAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(_published, p => p.Topic.Contains("/media/", StringComparison.Ordinal));

        drainer.OnReceipt(new ReceiptMessage { Events = [new EventReceipt(1), new EventReceipt(2), new EventReceipt(3)] });
        await drainer.PumpAsync(TestContext.Current.CancellationToken);

        Assert.EndsWith($"/media/{alert:D}/1", _published[^1].Topic, StringComparison.Ordinal);
        Assert.Equal([1L, 2, 3, 4], PublishedSeqs);
    }

    [Fact]
    public async Task LinkFailure_StopsThePump_AndNothingIsLost()
    {
        await AppendEventsAsync(2);
        var drainer = NewDrainer();
        _linkUp = false;

        Assert.False(await drainer.PumpAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, drainer.EventsInFlight);

        _linkUp = true;
        drainer.Reset();
        Assert.True(await drainer.PumpAsync(TestContext.Current.CancellationToken));
        Assert.Equal([1L, 2], PublishedSeqs);
    }

    private async Task AppendEventsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await _outbox.AppendAsync(TestEvents.Raised(Guid.CreateVersion7(), _time.GetUtcNow()), TestContext.Current.CancellationToken);
        }
    }
}
