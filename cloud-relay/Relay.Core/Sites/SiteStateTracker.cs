using Edge.Contracts.Messages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Relay.Core.Alerts;
using Relay.Core.Devices;

namespace Relay.Core.Sites;

/// <summary>
/// Live state of every device, from its status (retained online/offline, and the offline Last Will), heartbeats and
/// events. Held in memory: after a relay restart the retained statuses, the next heartbeats and the open alerts in
/// the store rebuild it within one heartbeat period.
/// </summary>
public sealed partial class SiteStateTracker : IDisposable
{
    // Enough to recognise a late event of a recently closed alert (a resend filling a gap after Cleared arrived).
    private const int RecentlyClosedPerDevice = 64;

    private readonly Dictionary<DeviceId, Entry> _entries = [];
    private readonly Lock _gate = new();
    private readonly SiteOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private ITimer? _timer;

    public SiteStateTracker(IOptions<SiteOptions> options, TimeProvider timeProvider, ILogger<SiteStateTracker> logger)
    {
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    /// <summary>
    /// Raised after every change of connectivity, outside the tracker's lock (for notifications, and for tests that
    /// wait for a Last Will instead of sleeping).
    /// </summary>
    public event Action<DeviceTransition>? Transitioned;

    /// <summary>Starts the periodic supervision check on the injected clock.</summary>
    public void StartSupervision()
    {
        lock (_gate)
        {
            _timer ??= _timeProvider.CreateTimer(_ => CheckSupervision(), null, _options.SupervisionCheckInterval, _options.SupervisionCheckInterval);
        }
    }

    /// <summary>Seeds open alerts from the store at start.</summary>
    public void LoadOpenAlerts(IEnumerable<AlertSummary> openAlerts)
    {
        lock (_gate)
        {
            foreach (var alert in openAlerts)
            {
                var entry = EntryFor(new DeviceId(alert.Site, alert.Device));
                entry.OpenAlerts.TryAdd(alert.AlertId, alert.FirstReceivedAt);
            }
        }
    }

    private DeviceTransition? ApplyStatus(StatusMessage status)
    {
        lock (_gate)
        {
            var entry = EntryFor(new DeviceId(status.Site, status.Device));
            entry.SoftwareVersion = status.SoftwareVersion ?? entry.SoftwareVersion;
            entry.Board = status.Board ?? entry.Board;
            entry.SiteName = status.SiteName ?? entry.SiteName;
            if (status.State == DeviceState.Offline)
            {
                return Move(entry, Connectivity.Offline, "offline status or Last Will");
            }

            entry.LastSeenAt = _timeProvider.GetUtcNow();
            return Move(entry, Connectivity.Online, "online status");
        }
    }

    private DeviceTransition? ApplyHeartbeat(HeartbeatMessage heartbeat)
    {
        lock (_gate)
        {
            var entry = EntryFor(new DeviceId(heartbeat.Site, heartbeat.Device));
            var now = _timeProvider.GetUtcNow();
            entry.LastSeenAt = now;
            entry.LastHeartbeatAt = now;
            entry.OutboxDepth = heartbeat.OutboxDepth;
            entry.Faults = heartbeat.Faults ?? [];
            entry.Drill = heartbeat.Drill;
            entry.UptimeSeconds = heartbeat.UptimeSeconds;
            entry.LastPressAt = heartbeat.LastPressAt ?? entry.LastPressAt;
            return Move(entry, Connectivity.Online, "heartbeat");
        }
    }

    private DeviceTransition? ApplyEvent(AlertEvent e)
    {
        lock (_gate)
        {
            var entry = EntryFor(new DeviceId(e.Site, e.Device));
            var now = _timeProvider.GetUtcNow();
            entry.LastSeenAt = now;
            if (e.AlertId is { } alertId)
            {
                if (e.Kind is AlertEventKind.Cleared or AlertEventKind.FalseAlarm)
                {
                    entry.OpenAlerts.Remove(alertId);
                    entry.RecentlyClosed.Enqueue(alertId);
                    if (entry.RecentlyClosed.Count > RecentlyClosedPerDevice)
                    {
                        entry.RecentlyClosed.Dequeue();
                    }
                }
                else if (e.Kind == AlertEventKind.Raised && !entry.RecentlyClosed.Contains(alertId))
                {
                    entry.OpenAlerts.TryAdd(alertId, now);
                }
            }

            return Move(entry, Connectivity.Online, "event received");
        }
    }

    public DeviceTransition? OnStatus(StatusMessage status) => Raise(ApplyStatus(status));

    public DeviceTransition? OnHeartbeat(HeartbeatMessage heartbeat) => Raise(ApplyHeartbeat(heartbeat));

    /// <summary>Takes a newly stored event (duplicates are not passed here).</summary>
    public DeviceTransition? OnEvent(AlertEvent e) => Raise(ApplyEvent(e));

    /// <summary>Marks offline every online device silent for longer than the supervision window.</summary>
    public IReadOnlyList<DeviceTransition> CheckSupervision()
    {
        var transitions = new List<DeviceTransition>();
        lock (_gate)
        {
            var silentSince = _timeProvider.GetUtcNow() - _options.SupervisionWindow;
            foreach (var entry in _entries.Values)
            {
                if (entry.Connectivity == Connectivity.Online && entry.LastSeenAt < silentSince &&
                    Move(entry, Connectivity.Offline, $"nothing heard for {_options.SupervisionWindow.TotalSeconds:0} s") is { } transition)
                {
                    transitions.Add(transition);
                }
            }
        }

        foreach (var transition in transitions)
        {
            Raise(transition);
        }

        return transitions;
    }

    public DeviceStatus Get(DeviceId device)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(device, out var entry) ? ToStatus(entry) : ToStatus(new Entry(device));
        }
    }

    public IReadOnlyList<DeviceStatus> GetAll()
    {
        lock (_gate)
        {
            return _entries.Values.Select(ToStatus).ToList();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _timer?.Dispose();
            _timer = null;
        }
    }

    private DeviceTransition? Raise(DeviceTransition? transition)
    {
        if (transition is not null)
        {
            Transitioned?.Invoke(transition);
        }

        return transition;
    }

    private Entry EntryFor(DeviceId device)
    {
        if (!_entries.TryGetValue(device, out var entry))
        {
            entry = new Entry(device);
            _entries[device] = entry;
        }

        return entry;
    }

    private DeviceTransition? Move(Entry entry, Connectivity to, string reason)
    {
        if (entry.Connectivity == to)
        {
            return null;
        }

        var transition = new DeviceTransition(entry.Device, entry.Connectivity, to, reason);
        entry.Connectivity = to;
        LogTransition(_logger, entry.Device.Username, transition.From, to, reason);
        return transition;
    }

    private DeviceStatus ToStatus(Entry entry)
    {
        var alertingSince = _timeProvider.GetUtcNow() - _options.AlertingWindow;
        var open = entry.OpenAlerts.Where(a => a.Value >= alertingSince).OrderBy(a => a.Value).Select(a => a.Key).ToList();
        var state = open.Count > 0
            ? SiteState.Alerting
            : entry.Connectivity switch
            {
                Connectivity.Online => SiteState.Online,
                Connectivity.Offline => SiteState.Offline,
                _ => SiteState.Unknown,
            };
        return new DeviceStatus
        {
            Device = entry.Device,
            State = state,
            Connectivity = entry.Connectivity,
            LastSeenAt = entry.LastSeenAt,
            LastHeartbeatAt = entry.LastHeartbeatAt,
            OutboxDepth = entry.OutboxDepth,
            Faults = entry.Faults,
            Drill = entry.Drill,
            SoftwareVersion = entry.SoftwareVersion,
            Board = entry.Board,
            SiteName = entry.SiteName,
            UptimeSeconds = entry.UptimeSeconds,
            LastPressAt = entry.LastPressAt,
            OpenAlerts = open,
        };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Device {Device}: {From} -> {To} ({Reason})")]
    private static partial void LogTransition(ILogger logger, string device, Connectivity from, Connectivity to, string reason);

    private sealed class Entry(DeviceId device)
    {
        public DeviceId Device { get; } = device;

        public Connectivity Connectivity { get; set; }

        public DateTimeOffset? LastSeenAt { get; set; }

        public DateTimeOffset? LastHeartbeatAt { get; set; }

        public int? OutboxDepth { get; set; }

        public IReadOnlyList<FaultInfo> Faults { get; set; } = [];

        public bool Drill { get; set; }

        public string? SoftwareVersion { get; set; }

        public string? Board { get; set; }

        public string? SiteName { get; set; }

        public long? UptimeSeconds { get; set; }

        public DateTimeOffset? LastPressAt { get; set; }

        public Dictionary<Guid, DateTimeOffset> OpenAlerts { get; } = [];

        public Queue<Guid> RecentlyClosed { get; } = new();
    }
}
