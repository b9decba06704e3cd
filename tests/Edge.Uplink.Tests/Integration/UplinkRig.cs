using Edge.Contracts.Messages;
using Edge.Core.Health;
using Edge.Core.Scenarios;
using Edge.Testing.Outbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace Edge.Uplink.Tests.Integration;

/// <summary>An uplink over an in-memory outbox, with the commands it receives collected.</summary>
internal sealed class UplinkRig : IAsyncDisposable
{
    public const string Password = "device-password-1";

    public UplinkRig(int port, Action<UplinkOptions>? configure = null)
    {
        Options = new UplinkOptions
        {
            Enabled = true,
            Host = "127.0.0.1",
            Port = port,
            Password = Password,
            WatchdogInterval = TimeSpan.FromMilliseconds(200),
            ReconnectMaxDelay = TimeSpan.FromSeconds(1),
            RequestTimeout = TimeSpan.FromSeconds(2),
            KeepAlive = TimeSpan.FromSeconds(5),
            ReceiptTimeout = TimeSpan.FromSeconds(2),
            HeartbeatInterval = TimeSpan.FromMilliseconds(300),
        };
        configure?.Invoke(Options);
        Link = new LinkStatus(TimeProvider.System);
        Uplink = new MqttUplink(Options, Device, Outbox, Link, Status, Heartbeat, c =>
        {
            Commands.Add(c);
            return Task.CompletedTask;
        }, TimeProvider.System, new Random(7), NullLogger.Instance);
    }

    public static DeviceIdentity Device { get; } = new(TestEvents.Site, TestEvents.Device);

    public static string User => $"{Device.Site}.{Device.Device}";

    public UplinkOptions Options { get; }

    public InMemoryOutbox Outbox { get; } = new();

    public LinkStatus Link { get; }

    public MqttUplink Uplink { get; }

    public List<CommandMessage> Commands { get; } = [];

    public async Task AppendAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Outbox.AppendAsync(TestEvents.Raised(Guid.CreateVersion7(), TimeProvider.System.GetUtcNow()), TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Completes at the next successful connection.</summary>
    public Task NextConnectionAsync()
    {
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Uplink.Connected += (_, _) => connected.TrySetResult();
        return connected.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
    }

    public ValueTask DisposeAsync() => Uplink.DisposeAsync();

    private static StatusMessage Status(DeviceState state) => new()
    {
        Site = Device.Site,
        Device = Device.Device,
        State = state,
        At = TimeProvider.System.GetUtcNow(),
        Board = "virtual",
    };

    private HeartbeatMessage Heartbeat() => new()
    {
        Site = Device.Site,
        Device = Device.Device,
        At = TimeProvider.System.GetUtcNow(),
        UptimeSeconds = 1,
        OutboxDepth = Outbox.Health.Depth,
    };
}
