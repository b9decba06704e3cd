using System.Reflection;
using Edge.Contracts.Messages;
using Edge.Core.Health;
using Edge.Core.Outbox;
using Edge.Core.Scenarios;
using Edge.Uplink;
using Edge.Worker.Commands;
using Edge.Worker.Hardware;
using Edge.Worker.Hosting;
using Microsoft.Extensions.Options;

namespace Edge.Worker.Uplink;

/// <summary>Runs the MQTT uplink when one is configured: status, heartbeats, outbox draining, commands.</summary>
public sealed partial class UplinkService(
    IOptions<UplinkOptions> options,
    ScenarioEngine engine,
    SiteHardware hardware,
    IOutbox outbox,
    FaultRegistry faults,
    LinkStatus link,
    CommandHandler commands,
    SecretStore secrets,
    TimeProvider time,
    ILogger<UplinkService> logger) : IHostedService, IAsyncDisposable
{
    private static readonly string s_version =
        typeof(UplinkService).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "dev";

    private readonly long _startedAt = time.GetTimestamp();

    public MqttUplink? Uplink { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            Log.Standalone(logger);
            return Task.CompletedTask;
        }

        if (settings.Password is null && settings.PasswordSecret is { } secret)
        {
            settings.Password = secrets.Find(secret) ?? throw new InvalidOperationException(
                $"The uplink password secret '{secret}' is not provisioned ({secrets.Describe(secret)}). Enrol the box with the provisioning tool.");
        }

        Uplink = new MqttUplink(settings, engine.Identity, outbox, link, Status, Heartbeat, commands.AcceptAsync, time, Random.Shared, logger);
        Uplink.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Uplink is not null)
        {
            await Uplink.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Uplink is not null)
        {
            await Uplink.DisposeAsync();
        }
    }

    private StatusMessage Status(DeviceState state) => new()
    {
        Site = engine.Identity.Site,
        Device = engine.Identity.Device,
        State = state,
        At = time.GetUtcNow(),
        SoftwareVersion = s_version.Length > 64 ? s_version[..64] : s_version,
        Board = hardware.Board.IsVirtual ? "virtual" : "real",
        SiteName = engine.Site.Site.Name,
    };

    private HeartbeatMessage Heartbeat() => new()
    {
        Site = engine.Identity.Site,
        Device = engine.Identity.Device,
        At = time.GetUtcNow(),
        UptimeSeconds = (long)time.GetElapsedTime(_startedAt).TotalSeconds,
        OutboxDepth = outbox.Health.Depth,
        LastPressAt = engine.LastPressAt,
        Drill = engine.DrillMode,
        Inputs = [.. hardware.Buttons.Values.Select(b => new InputState(b.Id, b.State))],
        Outputs = [.. hardware.Outputs.Values.Select(o => new OutputState(o.Id, o.Pattern is not null))],
        Faults = faults.Current,
    };

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "No uplink configured (Edge:Uplink:Enabled=false): the box works alone, alerts stay in its outbox")]
        public static partial void Standalone(ILogger logger);
    }
}
