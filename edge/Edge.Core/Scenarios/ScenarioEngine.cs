using System.Collections.Concurrent;
using Edge.Contracts.Messages;
using Edge.Core.Alerts;
using Edge.Core.Configuration.Model;
using Edge.Core.Outbox;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Edge.Core.Scenarios;

/// <summary>
/// Turns triggers into alerts. The order is the product's promise: the alert is appended to the outbox (durable)
/// before anything else happens, then every action of the scenario starts in parallel, each under its own
/// timeout and retry policy, and each outcome becomes an event of the alert. A failing, slow or hung action never
/// holds up the others or the next alert. Audible actions never run for a silent scenario.
/// </summary>
public sealed partial class ScenarioEngine : IAsyncDisposable
{
    private const int RecentAlertsKept = 50;

    private readonly IOutbox _outbox;
    private readonly IReadOnlyList<IAlertAction> _actions;
    private readonly TimeProvider _time;
    private readonly ILogger<ScenarioEngine> _logger;
    private readonly Random _random;
    private readonly object _gate = new();
    private readonly LinkedList<ActiveAlert> _alerts = new();
    private readonly ConcurrentDictionary<Guid, Task> _running = new();
    private readonly ConcurrentDictionary<Guid, ITimer> _timeouts = new();
    private readonly CancellationTokenSource _shutdown = new();

    public ScenarioEngine(SiteFile site, IOutbox outbox, IEnumerable<IAlertAction> actions, TimeProvider time, ILogger<ScenarioEngine> logger, Random? random = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        Site = site;
        Identity = new DeviceIdentity(site.Site.Id, site.Device.Id);
        _outbox = outbox;
        _actions = [.. actions];
        _time = time;
        _logger = logger;
        _random = random ?? Random.Shared;
    }

    /// <summary>Raised once the alert is stored and before its actions run.</summary>
    public event EventHandler<AlertRaisedEventArgs>? AlertRaised;

    /// <summary>Raised whenever an alert gains an event or changes state (for the status LED and status page).</summary>
    public event EventHandler? AlertsChanged;

    public SiteFile Site { get; }

    public DeviceIdentity Identity { get; }

    /// <summary>Site-wide exercise mode (started and stopped by the crisis cell): every alert raised is a drill.</summary>
    public bool DrillMode { get; private set; }

    public DateTimeOffset? LastPressAt { get; private set; }

    /// <summary>The most recent alerts, newest first.</summary>
    public IReadOnlyList<ActiveAlert> Alerts
    {
        get
        {
            lock (_gate)
            {
                return [.. _alerts];
            }
        }
    }

    public ActiveAlert? Find(Guid alertId)
    {
        lock (_gate)
        {
            return _alerts.FirstOrDefault(a => a.Id == alertId);
        }
    }

    /// <summary>Completes when every action of the alert has reported its outcome.</summary>
    public Task ActionsCompletedAsync(Guid alertId) => _running.TryGetValue(alertId, out var task) ? task : Task.CompletedTask;

    public async Task<TriggerOutcome> HandleAsync(Trigger trigger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        LastPressAt = trigger.EdgeTime;

        var cancelled = FindAlertCancelledBy(trigger);
        if (cancelled is not null)
        {
            await ChangeAsync(cancelled, AlertState.FalseAlarm, AlertEventKind.FalseAlarm, AlertChange.FalseAlarm, "cancel gesture", null,
                $"cancelled with a {trigger.Gesture} on {trigger.ButtonId}: false alarm", cancellationToken).ConfigureAwait(false);
            return new TriggerOutcome(TriggerResult.Cancelled, cancelled);
        }

        var scenario = Site.Scenarios.FirstOrDefault(s => s.Trigger.Button == trigger.ButtonId && s.Trigger.Gesture == trigger.Gesture);
        if (scenario is null)
        {
            Log.NoScenario(_logger, trigger.Gesture.ToString(), trigger.ButtonId);
            return TriggerOutcome.Ignored;
        }

        // Under stress a button is pressed again and again: that is the same incident, and the crisis cell sees it.
        var running = FindRunning(scenario, trigger.ButtonId);
        if (running is not null)
        {
            await AppendAsync(running, AlertEventKind.PressedAgain, cancellationToken, button: trigger.ButtonId, gesture: trigger.Gesture.Name,
                detail: $"{trigger.ButtonId} pressed again").ConfigureAwait(false);
            return new TriggerOutcome(TriggerResult.Repeated, running);
        }

        var now = _time.GetUtcNow();
        var alert = new ActiveAlert(Guid.CreateVersion7(now), scenario, trigger, scenario.Drill || DrillMode, now);
        lock (_gate)
        {
            _alerts.AddFirst(alert);
            TrimHistory();
        }

        // Durable first: nothing below may run before the alert is on stable storage (or held by the outbox).
        await AppendAsync(alert, AlertEventKind.Raised, cancellationToken,
            button: trigger.ButtonId, gesture: trigger.Gesture.Name, scenario: scenario.Id, severity: scenario.Severity, pressedAt: trigger.EdgeTime,
            detail: scenario.Name).ConfigureAwait(false);
        var stored = _time.GetTimestamp();
        Log.AlertRaised(_logger, alert.Id, scenario.Id, trigger.ButtonId, alert.Drill);
        AlertRaised?.Invoke(this, new AlertRaisedEventArgs(alert, stored));

        StartActions(alert);
        StartTimeout(alert);
        return new TriggerOutcome(TriggerResult.Raised, alert);
    }

    public Task<CommandOutcome> AcknowledgeAsync(Guid alertId, string by, Guid? commandId, CancellationToken cancellationToken = default) =>
        CommandAsync(alertId, AlertState.Acknowledged, AlertEventKind.Acknowledged, AlertChange.Acknowledged, by, commandId, $"acknowledged by {by}", cancellationToken);

    public Task<CommandOutcome> ClearAsync(Guid alertId, string by, Guid? commandId, CancellationToken cancellationToken = default) =>
        CommandAsync(alertId, AlertState.Cleared, AlertEventKind.Cleared, AlertChange.Cleared, by, commandId, $"cleared by {by}", cancellationToken);

    public async Task<CommandOutcome> SilenceSirenAsync(Guid alertId, string by, Guid? commandId, CancellationToken cancellationToken = default)
    {
        var alert = Find(alertId);
        if (alert is null)
        {
            return CommandOutcome.Refused($"alert {alertId} is not known on this box");
        }

        await AppendAsync(alert, AlertEventKind.SirenSilenced, cancellationToken, detail: $"siren silenced by {by}", commandId: commandId,
            data: new Dictionary<string, string> { ["by"] = by }).ConfigureAwait(false);
        Notify(alert, AlertChange.SirenSilenced);
        return CommandOutcome.Done("siren silenced");
    }

    /// <summary>Starts or ends the site-wide exercise mode.</summary>
    public async Task<CommandOutcome> SetDrillModeAsync(bool on, string by, Guid commandId, CancellationToken cancellationToken = default)
    {
        DrillMode = on;
        var detail = on ? $"drill mode started by {by}" : $"drill mode ended by {by}";
        await RecordCommandAsync(commandId, applied: true, detail, cancellationToken).ConfigureAwait(false);
        AlertsChanged?.Invoke(this, EventArgs.Empty);
        return CommandOutcome.Done(detail);
    }

    /// <summary>Records the outcome of a command that is not about one alert.</summary>
    public async Task RecordCommandAsync(Guid commandId, bool applied, string detail, CancellationToken cancellationToken = default) =>
        await AppendAsync(null, applied ? AlertEventKind.CommandApplied : AlertEventKind.CommandRejected, cancellationToken, detail: detail, commandId: commandId).ConfigureAwait(false);

    /// <summary>Records a device fault appearing or clearing (stuck button, cut wire, storage).</summary>
    public async Task RecordFaultAsync(string code, string subject, string detail, bool raised, CancellationToken cancellationToken = default) =>
        await AppendAsync(null, raised ? AlertEventKind.FaultRaised : AlertEventKind.FaultCleared, cancellationToken, detail: detail,
            data: new Dictionary<string, string> { ["code"] = code, ["subject"] = subject }).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync().ConfigureAwait(false);
        foreach (var timer in _timeouts.Values)
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await Task.WhenAll(_running.Values).WaitAsync(TimeSpan.FromSeconds(5), _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Log.ActionsStillRunningAtShutdown(_logger);
        }

        _shutdown.Dispose();
    }

    internal async Task<AlertEvent> AppendAsync(
        ActiveAlert? alert,
        AlertEventKind kind,
        CancellationToken cancellationToken,
        string? button = null,
        string? gesture = null,
        string? scenario = null,
        AlertSeverity? severity = null,
        DateTimeOffset? pressedAt = null,
        string? action = null,
        string? detail = null,
        IReadOnlyDictionary<string, string>? data = null,
        int? snapshotIndex = null,
        Guid? commandId = null)
    {
        var draft = new AlertEvent
        {
            Site = Identity.Site,
            Device = Identity.Device,
            Seq = 0,
            AlertId = alert?.Id,
            Kind = kind,
            At = _time.GetUtcNow(),
            Button = button,
            Gesture = gesture,
            Scenario = scenario,
            Severity = severity,
            Drill = alert?.Drill ?? DrillMode,
            PressedAt = pressedAt,
            Action = action,
            Detail = detail is { Length: > Contracts.MessageLimits.MaxTextLength } ? detail[..Contracts.MessageLimits.MaxTextLength] : detail,
            Data = data,
            SnapshotIndex = snapshotIndex,
            CommandId = commandId,
        };

        AlertEvent stored;
        try
        {
            stored = await _outbox.AppendAsync(draft, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The outbox holds entries in memory when storage fails; reaching here is a bug in it. The local
            // scenario must still run, so the event is kept on the alert and the failure shouted in the log.
            Log.OutboxAppendFailed(_logger, ex, kind.ToString(), alert?.Id);
            stored = draft;
        }

        alert?.Record(stored);
        AlertsChanged?.Invoke(this, EventArgs.Empty);
        return stored;
    }

    internal async Task AddSnapshotAsync(ActiveAlert alert, string action, int index, ReadOnlyMemory<byte> jpeg, DateTimeOffset takenAt, CancellationToken cancellationToken)
    {
        await _outbox.AppendSnapshotAsync(alert.Id, index, jpeg, takenAt, cancellationToken).ConfigureAwait(false);
        await AppendAsync(alert, AlertEventKind.SnapshotTaken, cancellationToken, action: action, snapshotIndex: index,
            detail: $"snapshot {index} ({jpeg.Length / 1024.0:0.#} KB)", data: new Dictionary<string, string> { ["bytes"] = jpeg.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) }).ConfigureAwait(false);
    }

    internal async Task AcknowledgeFromActionAsync(ActiveAlert alert, string by, IReadOnlyDictionary<string, string>? data, CancellationToken cancellationToken)
    {
        var merged = new Dictionary<string, string>(data ?? new Dictionary<string, string>()) { ["by"] = by };
        await ChangeAsync(alert, AlertState.Acknowledged, AlertEventKind.Acknowledged, AlertChange.Acknowledged, by, null, $"acknowledged by {by}", cancellationToken, merged).ConfigureAwait(false);
    }

    private async Task<CommandOutcome> CommandAsync(Guid alertId, AlertState next, AlertEventKind kind, AlertChange change, string by, Guid? commandId, string detail, CancellationToken cancellationToken)
    {
        var alert = Find(alertId);
        if (alert is null)
        {
            return CommandOutcome.Refused($"alert {alertId} is not known on this box");
        }

        if (alert.State == next)
        {
            return CommandOutcome.Done($"already {next.ToString().ToLowerInvariant()}");
        }

        return await ChangeAsync(alert, next, kind, change, by, commandId, detail, cancellationToken).ConfigureAwait(false)
            ? CommandOutcome.Done(detail)
            : CommandOutcome.Refused($"the alert is {alert.State.ToString().ToLowerInvariant()}");
    }

    private async Task<bool> ChangeAsync(ActiveAlert alert, AlertState next, AlertEventKind kind, AlertChange change, string by, Guid? commandId, string detail, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? data = null)
    {
        if (!alert.TryMoveTo(next, by))
        {
            return false;
        }

        if (alert.IsOver && _timeouts.TryRemove(alert.Id, out var timer))
        {
            await timer.DisposeAsync().ConfigureAwait(false);
        }

        await AppendAsync(alert, kind, cancellationToken, detail: detail, commandId: commandId, data: data ?? new Dictionary<string, string> { ["by"] = by }).ConfigureAwait(false);
        Log.AlertChanged(_logger, alert.Id, next.ToString(), by);
        Notify(alert, change);
        return true;
    }

    private void Notify(ActiveAlert alert, AlertChange change)
    {
        foreach (var action in _actions.Where(a => a.AppliesTo(alert.Scenario)))
        {
            try
            {
                action.OnAlertChanged(alert, change);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.ActionNotificationFailed(_logger, ex, action.Name, alert.Id);
            }
        }

        AlertsChanged?.Invoke(this, EventArgs.Empty);
    }

    private ActiveAlert? FindRunning(ScenarioConfig scenario, string buttonId)
    {
        lock (_gate)
        {
            return _alerts.FirstOrDefault(a => !a.IsOver && a.Scenario.Id == scenario.Id && a.Trigger.ButtonId == buttonId);
        }
    }

    private ActiveAlert? FindAlertCancelledBy(Trigger trigger)
    {
        lock (_gate)
        {
            return _alerts.FirstOrDefault(a =>
                !a.IsOver &&
                a.Scenario.Cancel is { } cancel &&
                cancel.Button == trigger.ButtonId &&
                cancel.Gesture == trigger.Gesture &&
                trigger.EdgeTime - a.Trigger.EdgeTime <= TimeSpan.FromSeconds(cancel.WithinSeconds));
        }
    }

    private void StartActions(ActiveAlert alert)
    {
        var tasks = new List<Task>();
        var applicable = _actions.Where(a => a.AppliesTo(alert.Scenario)).ToList();
        foreach (var action in applicable.Where(a => a.IsAudible && alert.Scenario.Silent))
        {
            Log.AudibleActionSkipped(_logger, action.Name, alert.Scenario.Id);
        }

        var runnable = applicable.Where(a => !(a.IsAudible && alert.Scenario.Silent)).ToList();

        // Immediate actions (GPIO outputs) run inline first: the siren starts before any thread hop.
        foreach (var action in runnable.Where(a => a.IsImmediate))
        {
            tasks.Add(RunActionAsync(alert, action));
        }

        foreach (var action in runnable.Where(a => !a.IsImmediate))
        {
            tasks.Add(Task.Run(() => RunActionAsync(alert, action)));
        }

        var all = Task.WhenAll(tasks);
        _running[alert.Id] = all;
        _ = all.ContinueWith(_ => _running.TryRemove(alert.Id, out Task? _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task RunActionAsync(ActiveAlert alert, IAlertAction action)
    {
        var policy = action.PolicyFor(alert.Scenario);
        var token = _shutdown.Token;
        var context = new ActionContext(this, alert, action.Name);
        if (!action.IsImmediate)
        {
            await AppendAsync(alert, AlertEventKind.ActionStarted, token, action: action.Name).ConfigureAwait(false);
        }

        ActionResult? result = null;
        string? failure = null;
        try
        {
            // Polly's timeout is cooperative; the deadline also covers an action that ignores its token. It is armed
            // before the action starts, so that it counts from the start whatever the action does.
            using var deadlineCancellation = CancellationTokenSource.CreateLinkedTokenSource(token);
            var deadline = Task.Delay(policy.Deadline, _time, deadlineCancellation.Token);
            var pipeline = BuildPipeline(policy);
            var run = pipeline.ExecuteAsync(async ct => await action.RunAsync(context, ct).ConfigureAwait(false), token).AsTask();
            if (await Task.WhenAny(run, deadline).ConfigureAwait(false) == deadline)
            {
                token.ThrowIfCancellationRequested();
                throw new TimeoutException();
            }

            await deadlineCancellation.CancelAsync().ConfigureAwait(false);
            result = await run.ConfigureAwait(false);
        }
        catch (TimeoutRejectedException)
        {
            failure = $"timed out after {Describe(policy.AttemptTimeout)}" + (policy.MaxAttempts > 1 ? $" ({policy.MaxAttempts} attempts)" : string.Empty);
        }
        catch (TimeoutException)
        {
            failure = $"did not finish within {Describe(policy.Deadline)}; abandoned";
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            failure = "stopped: the service is shutting down";
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            failure = ex.Message;
            Log.ActionFailed(_logger, ex, action.Name, alert.Id);
        }

        if (action.IsImmediate)
        {
            // The output is already switched; writing its event must not delay the actions started after it.
            await Task.Yield();
        }

        var shutdownToken = CancellationToken.None;
        if (result is not null)
        {
            await AppendAsync(alert, AlertEventKind.ActionSucceeded, shutdownToken, action: action.Name, detail: result.Detail, data: result.Data).ConfigureAwait(false);
        }
        else
        {
            Log.ActionOutcomeFailed(_logger, action.Name, alert.Id, failure ?? "unknown");
            await AppendAsync(alert, AlertEventKind.ActionFailed, shutdownToken, action: action.Name, detail: failure).ConfigureAwait(false);
        }
    }

    private ResiliencePipeline<ActionResult> BuildPipeline(ActionPolicy policy)
    {
        var builder = new ResiliencePipelineBuilder<ActionResult> { TimeProvider = _time };
        if (policy.MaxAttempts > 1)
        {
            builder.AddRetry(new RetryStrategyOptions<ActionResult>
            {
                MaxRetryAttempts = policy.MaxAttempts - 1,
                Delay = policy.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Randomizer = () => _random.NextDouble(),
                ShouldHandle = new PredicateBuilder<ActionResult>().Handle<Exception>(ex => ex is not OperationCanceledException || ex is TimeoutRejectedException),
            });
        }

        return builder.AddTimeout(policy.AttemptTimeout).Build();
    }

    private void StartTimeout(ActiveAlert alert)
    {
        var after = TimeSpan.FromMinutes(Site.Site.AlertTimeoutMinutes);
        var timer = _time.CreateTimer(_ => _ = ClearOnTimeoutAsync(alert), null, after, Timeout.InfiniteTimeSpan);
        _timeouts[alert.Id] = timer;
    }

    private async Task ClearOnTimeoutAsync(ActiveAlert alert)
    {
        try
        {
            await ChangeAsync(alert, AlertState.Cleared, AlertEventKind.Cleared, AlertChange.Cleared, "box", null,
                $"cleared by the box after {Site.Site.AlertTimeoutMinutes} min without an end from the crisis cell", _shutdown.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private void TrimHistory()
    {
        // Keep running alerts whatever their age; forget the oldest finished ones.
        var node = _alerts.Last;
        while (_alerts.Count > RecentAlertsKept && node is not null)
        {
            var previous = node.Previous;
            if (node.Value.IsOver)
            {
                _alerts.Remove(node);
            }

            node = previous;
        }
    }

    private static string Describe(TimeSpan span) => span.TotalSeconds >= 1 ? $"{span.TotalSeconds:0.#} s" : $"{span.TotalMilliseconds:0} ms";

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "{Gesture} on button {ButtonId} starts no scenario")]
        public static partial void NoScenario(ILogger logger, string gesture, string buttonId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "ALERT {AlertId}: scenario {Scenario} from button {ButtonId} (drill: {Drill})")]
        public static partial void AlertRaised(ILogger logger, Guid alertId, string scenario, string buttonId, bool drill);

        [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} is now {State} ({By})")]
        public static partial void AlertChanged(ILogger logger, Guid alertId, string state, string by);

        [LoggerMessage(Level = LogLevel.Information, Message = "Action {Action} not run: scenario {Scenario} is silent")]
        public static partial void AudibleActionSkipped(ILogger logger, string action, string scenario);

        [LoggerMessage(Level = LogLevel.Error, Message = "Action {Action} of alert {AlertId} failed")]
        public static partial void ActionFailed(ILogger logger, Exception ex, string action, Guid alertId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Action {Action} of alert {AlertId}: {Failure}")]
        public static partial void ActionOutcomeFailed(ILogger logger, string action, Guid alertId, string failure);

        [LoggerMessage(Level = LogLevel.Error, Message = "Action {Action} could not be told about a change of alert {AlertId}")]
        public static partial void ActionNotificationFailed(ILogger logger, Exception ex, string action, Guid alertId);

        [LoggerMessage(Level = LogLevel.Critical, Message = "The outbox threw while appending {Kind} of alert {AlertId}; the event is kept in memory only")]
        public static partial void OutboxAppendFailed(ILogger logger, Exception ex, string kind, Guid? alertId);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Some actions were still running at shutdown")]
        public static partial void ActionsStillRunningAtShutdown(ILogger logger);
    }
}
