using Edge.Contracts.Messages;
using Edge.Core.Configuration;
using Edge.Core.Scenarios;
using Edge.Worker.Triggers;

namespace Edge.Worker.SiteUpdates;

/// <summary>
/// Applies a site file pushed by the relay. It is validated first with the very same code as at start (a broken file
/// is refused and the box keeps running on its current one); the current file is kept as <c>.previous</c>; the new one
/// is written durably and applied by restarting the box's host in place (<see cref="Hosting.EdgeRunner"/>), but never
/// while an alert runs: the box waits for the running alerts to end, so no siren is cut and no call dropped. Nothing
/// queued is lost either way: the outbox is on disk. If the box cannot start on the new file (a pin the board lacks,
/// say), the runner puts the previous one back and the refusal is reported.
/// </summary>
public sealed partial class SiteUpdater(
    SiteFilePaths paths,
    ScenarioEngine engine,
    TriggerService triggers,
    IHostApplicationLifetime lifetime,
    ILogger<SiteUpdater> logger) : IHostedService
{
    private readonly object _gate = new();
    private (Guid CommandId, string IssuedBy)? _waiting;

    /// <summary>Set when this host stops to restart on a new site file.</summary>
    public bool RestartRequested { get; private set; }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        // A file pushed before the last restart: this host runs on it, so it is applied.
        if (SiteUpdateMarker.Read(paths.PendingMarker) is { } applied)
        {
            File.Delete(paths.PendingMarker);
            triggers.Post(ct => engine.RecordCommandAsync(applied.CommandId, applied: true,
                $"site file from {applied.IssuedBy} applied: {engine.Site.Buttons.Count} buttons, {engine.Site.Scenarios.Count} scenarios", ct));
        }

        if (SiteUpdateMarker.Read(paths.RollbackMarker) is { } rolledBack)
        {
            File.Delete(paths.RollbackMarker);
            triggers.Post(ct => engine.RecordCommandAsync(rolledBack.CommandId, applied: false,
                $"the box could not start on the pushed site file and went back to the previous one: {rolledBack.Reason}", ct));
        }

        engine.AlertsChanged += OnAlertsChanged;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        engine.AlertsChanged -= OnAlertsChanged;
        return Task.CompletedTask;
    }

    /// <summary>Validates and saves the pushed file; the outcome is an event carrying the command id.</summary>
    public async Task PushAsync(CommandMessage command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        LoadedSiteFile pushed;
        try
        {
            // Relative paths in the file (spoken messages) resolve against the current file's folder.
            pushed = SiteFileLoader.Parse(command.SiteFile!, paths.Current);
        }
        catch (SiteFileException ex)
        {
            var errors = string.Join("; ", ex.Problems.Where(p => p.Severity == ProblemSeverity.Error).Take(5).Select(p => p.ToString()));
            Log.Refused(logger, command.CommandId, errors);
            await engine.RecordCommandAsync(command.CommandId, applied: false, $"site file refused, the box keeps its current one: {errors}", cancellationToken);
            return;
        }

        if (pushed.Site.Site.Id != engine.Identity.Site || pushed.Site.Device.Id != engine.Identity.Device)
        {
            await engine.RecordCommandAsync(command.CommandId, applied: false,
                $"site file refused: it is for {pushed.Site.Site.Id}/{pushed.Site.Device.Id}, this box is {engine.Identity.Site}/{engine.Identity.Device}", cancellationToken);
            return;
        }

        File.Copy(paths.Current, paths.Previous, overwrite: true);
        new SiteUpdateMarker(command.CommandId, command.IssuedBy).Write(paths.PendingMarker);
        DurableFile.Write(paths.Current, command.SiteFile!);
        Log.Saved(logger, command.CommandId, paths.Current);

        lock (_gate)
        {
            _waiting = (command.CommandId, command.IssuedBy);
        }

        if (!TryRestartNow())
        {
            var running = string.Join(", ", engine.Alerts.Where(a => !a.IsOver).Select(a => a.Scenario.Id));
            await engine.RecordCommandAsync(command.CommandId, applied: true,
                $"site file validated and saved; it will be applied when the running alert ends ({running})", cancellationToken);
        }
    }

    private void OnAlertsChanged(object? sender, EventArgs e) => TryRestartNow();

    private bool TryRestartNow()
    {
        lock (_gate)
        {
            if (_waiting is null || RestartRequested || engine.Alerts.Any(a => !a.IsOver))
            {
                return false;
            }

            RestartRequested = true;
        }

        Log.Restarting(logger);
        lifetime.StopApplication();
        return true;
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Pushed site file refused (command {CommandId}): {Errors}")]
        public static partial void Refused(ILogger logger, Guid commandId, string errors);

        [LoggerMessage(Level = LogLevel.Information, Message = "Pushed site file (command {CommandId}) validated and saved to {Path}")]
        public static partial void Saved(ILogger logger, Guid commandId, string path);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Restarting the box on the new site file")]
        public static partial void Restarting(ILogger logger);
    }
}
