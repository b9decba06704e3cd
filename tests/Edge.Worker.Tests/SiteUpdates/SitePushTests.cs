using Edge.Contracts.Messages;
using Edge.Core.Scenarios;
using Edge.Testing.Mqtt;
using Edge.Worker.Hosting;
using Edge.Worker.Tests.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Edge.Worker.Tests.SiteUpdates;

/// <summary>A site file pushed by the relay over the real command path: validated, kept, applied, or refused.</summary>
public sealed class SitePushTests : IAsyncLifetime
{
    private const string Password = "box-password-1";
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("site-push-").FullName;
    private InProcessBroker _broker = null!;
    private ReceiptingRelay _relay = null!;
    private EdgeRunner _runner = null!;
    private Task _run = null!;
    private string _site = null!;

    public async ValueTask InitializeAsync()
    {
        _site = Path.Combine(_dir, "site.yaml");
        File.Copy(RunningEdge.HallOnlySite, _site);
        _broker = await InProcessBroker.StartAsync();
        _broker.AddUser("relay", "relay-password");
        _broker.AddUser("mairie-centre.accueil-1", Password);
        _relay = await ReceiptingRelay.ConnectAsync(_broker.Port, "relay", "relay-password", TestContext.Current.CancellationToken);
        _runner = new EdgeRunner(
        [
            $"--Edge:SiteFile={_site}", $"--Edge:DataDirectory={_dir}", "--Edge:LocalApiUrl=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning",
            "--Edge:Uplink:Enabled=true", $"--Edge:Uplink:Port={_broker.Port}", $"--Edge:Uplink:Password={Password}", "--Edge:Uplink:WatchdogInterval=00:00:00.200",
        ]);
        _run = _runner.RunAsync(CancellationToken.None);
        await _runner.FirstStart.WaitAsync(s_wait, TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _runner.Current?.Lifetime.StopApplication();
        await _run;
        await _relay.DisposeAsync();
        await _broker.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task ValidFile_IsKept_Applied_AndReported()
    {
        var before = _runner.Current;
        var pushed = (await File.ReadAllTextAsync(_site, TestContext.Current.CancellationToken)).Replace("Bouton sous le comptoir d'accueil", "Bouton du comptoir (nouveau)", StringComparison.Ordinal);

        var restarted = NextStartAsync();
        var command = await PushAsync(pushed);
        var applied = await EventAsync(command, AlertEventKind.CommandApplied);
        await restarted;

        Assert.StartsWith("site file from admin applied", applied.Detail, StringComparison.Ordinal);
        Assert.NotSame(before, _runner.Current);
        Assert.Equal("Bouton du comptoir (nouveau)", _runner.Current!.Services.GetRequiredService<ScenarioEngine>().Site.Button("comptoir")!.Name);
        Assert.Contains("Bouton sous le comptoir d'accueil", await File.ReadAllTextAsync(_site + ".previous", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenFile_IsRefusedWithItsErrors_AndTheBoxKeepsItsFile()
    {
        var before = _runner.Current;
        var original = await File.ReadAllTextAsync(_site, TestContext.Current.CancellationToken);

        var command = await PushAsync(original.Replace("pin: 27 ", "pin: 17 ", StringComparison.Ordinal));
        var rejected = await EventAsync(command, AlertEventKind.CommandRejected);

        Assert.Contains("GPIO 17 is already used", rejected.Detail, StringComparison.Ordinal);
        Assert.Same(before, _runner.Current);
        Assert.Equal(original, await File.ReadAllTextAsync(_site, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task FileTheBoxCannotStartOn_IsRolledBack_AndReported()
    {
        // Valid as a file, but this machine has no libgpiod chip: the box cannot start on it.
        var pushed = (await File.ReadAllTextAsync(_site, TestContext.Current.CancellationToken)).Replace("driver: virtual", "driver: libgpiod", StringComparison.Ordinal);

        var restarted = NextStartAsync();
        var command = await PushAsync(pushed);
        var rejected = await EventAsync(command, AlertEventKind.CommandRejected);
        await restarted;

        Assert.Contains("went back to the previous one", rejected.Detail, StringComparison.Ordinal);
        Assert.Contains("driver: virtual", await File.ReadAllTextAsync(_site, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.True(_runner.Current!.Services.GetRequiredService<Edge.Worker.Hardware.SiteHardware>().Board.IsVirtual);
    }

    [Fact]
    public async Task Push_WhileAnAlertRuns_WaitsForItToEnd()
    {
        var engine = _runner.Current!.Services.GetRequiredService<ScenarioEngine>();
        var hardware = _runner.Current.Services.GetRequiredService<Edge.Worker.Hardware.SiteHardware>();
        hardware.SetVirtualButton("comptoir", pressed: true);
        await _relay.WaitForAsync(r => r.Events.Values.Any(e => e.Kind == AlertEventKind.Raised), s_wait, TestContext.Current.CancellationToken);
        var before = _runner.Current;

        var command = await PushAsync((await File.ReadAllTextAsync(_site, TestContext.Current.CancellationToken)).Replace("name: \"Hôtel de ville – accueil\"", "name: \"Mairie\"", StringComparison.Ordinal));
        var waiting = await EventAsync(command, AlertEventKind.CommandApplied);
        Assert.Contains("when the running alert ends", waiting.Detail, StringComparison.Ordinal);
        Assert.Same(before, _runner.Current);
        Assert.True(hardware.Outputs["sirene"].Pattern is not null);

        var restarted = NextStartAsync();
        await engine.ClearAsync(engine.Alerts[0].Id, "test", null, TestContext.Current.CancellationToken);
        await _relay.WaitForAsync(r => r.Events.Values.Count(e => e.CommandId == command && e.Kind == AlertEventKind.CommandApplied) == 2, s_wait, TestContext.Current.CancellationToken);
        await restarted;

        Assert.Equal("Mairie", _runner.Current!.Services.GetRequiredService<ScenarioEngine>().Site.Site.Name);
    }

    /// <summary>Completes when the runner has started the box again (its <c>Current</c> is the new host then).</summary>
    private Task NextStartAsync()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _runner.Started += _ => started.TrySetResult();
        return started.Task.WaitAsync(s_wait, TestContext.Current.CancellationToken);
    }

    private async Task<Guid> PushAsync(string siteFile)
    {
        await _relay.WaitForAsync(r => r.Statuses.Any(s => s.State == DeviceState.Online), s_wait, TestContext.Current.CancellationToken);
        var command = new CommandMessage { CommandId = Guid.NewGuid(), Kind = CommandKind.ConfigPush, IssuedAt = TimeProvider.System.GetUtcNow(), IssuedBy = "admin", SiteFile = siteFile };
        await _relay.SendCommandAsync("mairie-centre", "accueil-1", command, TestContext.Current.CancellationToken);
        return command.CommandId;
    }

    private async Task<AlertEvent> EventAsync(Guid command, AlertEventKind kind)
    {
        await _relay.WaitForAsync(r => r.Events.Values.Any(e => e.CommandId == command && e.Kind == kind), s_wait, TestContext.Current.CancellationToken);
        return _relay.Events.Values.First(e => e.CommandId == command && e.Kind == kind);
    }
}
