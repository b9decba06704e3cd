using System.Text;
using Edge.Contracts;
using Edge.Contracts.Messages;
using Edge.Contracts.Serialization;
using Edge.Contracts.Topics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Relay.Core.Devices;
using Relay.Core.Ingest;
using Relay.Core.Sites;
using Relay.Testing;
using static Relay.Testing.TestMessages;

namespace Relay.Core.Tests;

public sealed class IngestProcessorTests : IDisposable
{
    private readonly TestStore _store = new();
    private readonly SiteStateTracker _sites;
    private readonly IngestCounters _counters = new();
    private readonly IngestProcessor _processor;
    private readonly DeviceId _device = new("mairie-centre", "accueil");

    public IngestProcessorTests()
    {
        _sites = new SiteStateTracker(Options.Create(new SiteOptions()), _store.Time, NullLogger<SiteStateTracker>.Instance);
        _processor = new IngestProcessor(_store.Store, _store.Store, _sites, _counters, _store.Time, NullLogger<IngestProcessor>.Instance);
    }

    public void Dispose()
    {
        _sites.Dispose();
        _store.Dispose();
    }

    private static InboundMessage Message(string topic, byte[] payload) => new(topic, payload);

    private InboundMessage EventMessage(AlertEvent e) => Message(TopicNames.Alerts(_device.Site, _device.Device), ContractSerializer.Serialize(e));

    private Task<IngestResult> ProcessAsync(params InboundMessage[] batch) => _processor.ProcessAsync(batch, TestContext.Current.CancellationToken);

    [Fact]
    public async Task ValidEvent_IsStoredAndReceipted()
    {
        await _store.RegisterAsync(_device);
        var alertId = Guid.CreateVersion7();

        var result = await ProcessAsync(EventMessage(Raised(_device.Site, _device.Device, 1, alertId)));

        var receipt = Assert.Single(result.Receipts);
        Assert.Equal(_device, receipt.Device);
        Assert.Equal(new EventReceipt(1, alertId), Assert.Single(receipt.Receipt.Events));
        Assert.Equal(1, _counters.EventsStored);
        Assert.Equal(SiteState.Alerting, _sites.Get(_device).State);
    }

    [Fact]
    public async Task EventsAndSnapshotsOfABatch_GoInOneReceiptPerDevice()
    {
        await _store.RegisterAsync(_device);
        var other = new DeviceId("ecole-jaures", "loge");
        await _store.RegisterAsync(other);
        var alertId = Guid.CreateVersion7();

        var result = await ProcessAsync(
            EventMessage(Raised(_device.Site, _device.Device, 1, alertId)),
            EventMessage(Snapshot(_device.Site, _device.Device, 2, alertId, 1)),
            Message(TopicNames.Media(_device.Site, _device.Device, alertId, 1), Jpeg()),
            Message(TopicNames.Alerts(other.Site, other.Device), ContractSerializer.Serialize(Raised(other.Site, other.Device, 1, Guid.CreateVersion7()))));

        Assert.Equal(2, result.Receipts.Count);
        var mine = result.Receipts.Single(r => r.Device == _device).Receipt;
        Assert.Equal([1L, 2], mine.Events.Select(e => e.Seq));
        Assert.Equal(new SnapshotReceipt(alertId, 1), Assert.Single(mine.Snapshots));
    }

    [Fact]
    public async Task StatusAndHeartbeat_UpdateSiteState_AndReportComingOnline()
    {
        await _store.RegisterAsync(_device);

        var result = await ProcessAsync(
            Message(TopicNames.Status(_device.Site, _device.Device), ContractSerializer.Serialize(Status(_device.Site, _device.Device, DeviceState.Online))),
            Message(TopicNames.Heartbeat(_device.Site, _device.Device), ContractSerializer.Serialize(Heartbeat(_device.Site, _device.Device, outboxDepth: 7))));

        Assert.Empty(result.Receipts);
        Assert.Equal(Connectivity.Online, Assert.Single(result.Transitions).To);
        Assert.Equal(7, _sites.Get(_device).OutboxDepth);
    }

    public static TheoryData<string, string, string> Garbage()
    {
        var alertId = Guid.CreateVersion7();
        var valid = Encoding.UTF8.GetString(ContractSerializer.Serialize(Raised("mairie-centre", "accueil", 1, alertId)));
        var alerts = TopicNames.Alerts("mairie-centre", "accueil");
        return new TheoryData<string, string, string>
        {
            { alerts, "{\"v\":1,\"site\":", "malformed-json" },
            { alerts, "", "malformed-json" },
            { alerts, "[1,2] trailing", "malformed-json" },
            { alerts, valid.Replace("\"seq\":1", "\"seq\":\"1\"", StringComparison.Ordinal), "wrong-shape" },
            { alerts, valid.Replace("\"seq\":1", "\"seq\":1,\"extra\":true", StringComparison.Ordinal), "wrong-shape" },
            { alerts, "null", "wrong-shape" },
            { alerts, valid.Replace("\"seq\":1", "\"seq\":0", StringComparison.Ordinal), "invalid-values" },
            { alerts, valid.Replace("\"button\":\"accueil-1\"", "\"button\":\"Accueil 1\"", StringComparison.Ordinal), "invalid-values" },
            { alerts, valid.Replace("\"device\":\"accueil\"", "\"device\":\"loge\"", StringComparison.Ordinal), "topic-mismatch" },
            { "edge/v1/mairie-centre/accueil/other", valid, "unknown-topic" },
            { "edge/v2/mairie-centre/accueil/alerts", valid, "unknown-topic" },
            { TopicNames.Commands("mairie-centre", "accueil"), valid, "unknown-topic" },
            { TopicNames.Media("mairie-centre", "accueil", alertId, 1), "not a jpeg at all", "invalid-snapshot" },
            { TopicNames.Heartbeat("mairie-centre", "accueil"), "{\"v\":1}", "wrong-shape" },
            { TopicNames.Status("mairie-centre", "accueil"), valid, "wrong-shape" },
        };
    }

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task Garbage_IsRejectedAndCountedByReason_AndTheNextGoodMessageStillPasses(string topic, string payload, string reason)
    {
        await _store.RegisterAsync(_device);
        var alertId = Guid.CreateVersion7();

        var result = await ProcessAsync(
            Message(topic, Encoding.UTF8.GetBytes(payload)),
            EventMessage(Raised(_device.Site, _device.Device, 1, alertId)));

        Assert.Equal(1, _counters.Rejected[reason]);
        Assert.Equal(1, _counters.Rejected.Total);
        Assert.Equal(1, Assert.Single(Assert.Single(result.Receipts).Receipt.Events).Seq);
    }

    [Fact]
    public async Task OversizedJson_AndOversizedSnapshot_AreRejected()
    {
        await _store.RegisterAsync(_device);

        var result = await ProcessAsync(
            Message(TopicNames.Alerts(_device.Site, _device.Device), new byte[MessageLimits.MaxJsonBytes + 1]),
            Message(TopicNames.Media(_device.Site, _device.Device, Guid.CreateVersion7(), 1), Jpeg(MessageLimits.MaxSnapshotBytes + 1)));

        Assert.Empty(result.Receipts);
        Assert.Equal(1, _counters.Rejected["oversized"]);
        Assert.Equal(1, _counters.Rejected["invalid-snapshot"]);
    }

    [Fact]
    public async Task EventFromAnUnregisteredDevice_IsRejected()
    {
        var result = await ProcessAsync(EventMessage(Raised(_device.Site, _device.Device, 1, Guid.CreateVersion7())));

        Assert.Empty(result.Receipts);
        Assert.Equal(1, _counters.Rejected["unknown-device"]);
        Assert.Equal(0, _counters.EventsStored);
    }

    [Fact]
    public void RateLimitedLog_LetsAFewThrough_ThenCountsTheRest_AndReportsThemLater()
    {
        var log = new RateLimitedLog(_store.Time, perWindow: 2, window: TimeSpan.FromMinutes(1));

        var firstTwo = new[] { log.TryAcquire("k", out _), log.TryAcquire("k", out _) };
        var held = Enumerable.Range(0, 5).Select(_ => log.TryAcquire("k", out long _)).ToList();
        var otherKey = log.TryAcquire("other", out _);
        _store.Time.Advance(TimeSpan.FromMinutes(1));
        var next = log.TryAcquire("k", out var suppressed);

        Assert.All(firstTwo, Assert.True);
        Assert.All(held, Assert.False);
        Assert.True(otherKey);
        Assert.True(next);
        Assert.Equal(5, suppressed);
    }
}
