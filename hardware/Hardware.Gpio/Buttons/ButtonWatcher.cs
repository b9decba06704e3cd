using System.Device.Gpio;
using Hardware.Gpio.Board;
using Microsoft.Extensions.Logging;

namespace Hardware.Gpio.Buttons;

/// <summary>
/// Turns the edges of one input into debounced presses, press patterns and wiring faults.
/// <list type="bullet">
/// <item>Debounce is leading-edge on the monotonic clock: the first edge counts at once, then the input is ignored
/// for <see cref="ButtonOptions.Debounce"/> and re-read when that lockout ends, so a press costs no delay and a
/// release inside the bounce is not lost.</item>
/// <item>Edge callbacks can be missed or stop (dotnet/iot#1210, #1637): the input is also read every
/// <see cref="ButtonOptions.PollInterval"/> and any change found that way is handled like an edge.</item>
/// <item>An input that is active at start, or for longer than <see cref="ButtonOptions.StuckAfter"/>, is a fault;
/// a button active at start is not armed until it has been seen idle, so a jammed or cut input never raises
/// an alert at every reboot.</item>
/// </list>
/// Event handlers run on the thread that saw the edge (a driver thread or a timer) and must return quickly.
/// </summary>
public sealed partial class ButtonWatcher : IDisposable
{
    private readonly GpioBoard _board;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly object _gate = new();
    private readonly GestureRecognizer _recognizer;
    private readonly ITimer _lockoutTimer;
    private readonly ITimer _stuckTimer;
    private readonly ITimer _pollTimer;
    private readonly long _debounceTicks;
    private readonly PinChangeEventHandler _callback;
    private bool _started;
    private bool _disposed;
    private bool _armed;
    private bool _active;
    private long _lockoutUntil;
    private (PinValue Level, long Timestamp)? _edgeDuringLockout;
    private long _missedEdges;

    public ButtonWatcher(GpioBoard board, ButtonOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Gestures.Count == 0)
        {
            throw new ArgumentException($"Button '{options.Id}' has no gesture to recognise.", nameof(options));
        }

        _board = board;
        Options = options;
        _time = time;
        _logger = logger;
        _debounceTicks = (long)(options.Debounce.TotalSeconds * time.TimestampFrequency);
        _recognizer = new GestureRecognizer(this);
        _lockoutTimer = time.CreateTimer(_ => OnLockoutEnded(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _stuckTimer = time.CreateTimer(_ => OnStuckTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _pollTimer = time.CreateTimer(_ => Poll(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _callback = OnEdgeCallback;
    }

    /// <summary>A debounced press (the contact reached its active state).</summary>
    public event EventHandler<ButtonEdgeEventArgs>? Pressed;

    public event EventHandler<ButtonEdgeEventArgs>? Released;

    public event EventHandler<ButtonGestureEventArgs>? GestureRecognized;

    public event EventHandler<ButtonFaultEventArgs>? FaultChanged;

    public ButtonOptions Options { get; }

    public string Id => Options.Id;

    /// <summary>The debounced state.</summary>
    public bool IsActive
    {
        get
        {
            lock (_gate)
            {
                return _active;
            }
        }
    }

    public ButtonFault? Fault { get; private set; }

    /// <summary>Changes the edge callbacks missed and the poll caught, since start.</summary>
    public long MissedEdges => Interlocked.Read(ref _missedEdges);

    /// <summary>idle, pressed or the fault, for status pages.</summary>
    public string State => Fault switch
    {
        ButtonFault.Stuck => "stuck",
        ButtonFault.WireCut => "wire-cut",
        _ => IsActive ? "pressed" : "idle",
    };

    /// <summary>Opens the input, reads its initial state and starts watching.</summary>
    public void Start()
    {
        var pending = new PendingEvents();
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                return;
            }

            _started = true;
            _board.OpenInput(Options.Pin, Options.Pull == InputPull.Up ? PinMode.InputPullUp : PinMode.InputPullDown);
            _active = IsActiveLevel(_board.Read(Options.Pin));
            _armed = !_active;
            if (_active)
            {
                SetFault(pending, FaultForWiring, "active when the service started: not armed until it returns to idle");
            }

            _board.RegisterEdgeCallback(Options.Pin, _callback);
            _pollTimer.Change(Options.PollInterval, Options.PollInterval);
        }

        pending.Raise();
    }

    /// <summary>Reads the input now; a change the callbacks missed is handled as an edge.</summary>
    public void Poll()
    {
        PinValue level;
        lock (_gate)
        {
            if (!_started || _disposed)
            {
                return;
            }

            level = _board.Read(Options.Pin);
        }

        OnLevel(level, LevelSource.Poll);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _pollTimer.Dispose();
            _lockoutTimer.Dispose();
            _stuckTimer.Dispose();
            _recognizer.Dispose();
            if (_started)
            {
                try
                {
                    _board.UnregisterEdgeCallback(Options.Pin, _callback);
                }
                catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
                {
                    // The board may already be closed at shutdown.
                }
            }
        }
    }

    private ButtonFault FaultForWiring => Options.Wiring == ButtonWiring.NormallyClosed ? ButtonFault.WireCut : ButtonFault.Stuck;

    private void OnEdgeCallback(object sender, PinValueChangedEventArgs args) =>
        OnLevel(args.ChangeType == PinEventTypes.Rising ? PinValue.High : PinValue.Low, LevelSource.Edge);

    /// <summary>
    /// One input sample. Edges seen during the lockout are not lost: the last one says where the contact settled, and
    /// it is applied as a transition at its own time once the lockout is over, by whichever comes first — the lockout
    /// timer, the next edge, or the poll. A late timer (a loaded machine) can therefore never swallow a release, and with it
    /// the next press.
    /// </summary>
    private void OnLevel(PinValue level, LevelSource source)
    {
        var pending = new PendingEvents();
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            var now = _time.GetTimestamp();
            if (now < _lockoutUntil)
            {
                if (source == LevelSource.Edge)
                {
                    _edgeDuringLockout = (level, now);
                }

                return;
            }

            if (_edgeDuringLockout is { } settled)
            {
                // The contact's last move during the lockout is where it settled, and when.
                _edgeDuringLockout = null;
                Apply(IsActiveLevel(settled.Level), settled.Timestamp, now, caughtByPoll: false, pending);
                if (now < _lockoutUntil)
                {
                    // The settled transition opened a new lockout: this sample waits for its end like any other.
                    if (source == LevelSource.Edge)
                    {
                        _edgeDuringLockout = (level, now);
                    }

                    pending.Raise();
                    return;
                }
            }

            Apply(IsActiveLevel(level), now, now, caughtByPoll: source == LevelSource.Poll, pending);
        }

        pending.Raise();
    }

    /// <summary>A debounced transition at <paramref name="timestamp"/> (now, or the last edge of a lockout just over).</summary>
    private void Apply(bool active, long timestamp, long now, bool caughtByPoll, PendingEvents pending)
    {
        if (active == _active)
        {
            return;
        }

        if (caughtByPoll)
        {
            Interlocked.Increment(ref _missedEdges);
            Log.EdgeCaughtByPoll(_logger, Options.Id, active ? "press" : "release");
        }

        _active = active;
        _lockoutUntil = timestamp + _debounceTicks;
        var remaining = TimeSpan.FromSeconds(Math.Max(0, _lockoutUntil - now) / (double)_time.TimestampFrequency);
        _lockoutTimer.Change(remaining, Timeout.InfiniteTimeSpan);
        var at = _time.GetUtcNow() - TimeSpan.FromSeconds((now - timestamp) / (double)_time.TimestampFrequency);

        if (!active)
        {
            _stuckTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            if (Fault is not null)
            {
                ClearFault(pending, "back to idle");
            }
        }
        else
        {
            _stuckTimer.Change(Options.StuckAfter, Timeout.InfiniteTimeSpan);
        }

        if (!_armed)
        {
            // Never seen idle since start: the first release arms the button, nothing before it counts.
            _armed = !active;
            return;
        }

        var args = new ButtonEdgeEventArgs(Options.Id, timestamp, at, caughtByPoll);
        if (active)
        {
            pending.Add(() => Pressed?.Invoke(this, args));
            _recognizer.OnPressed(timestamp, at, pending);
        }
        else
        {
            pending.Add(() => Released?.Invoke(this, args));
            _recognizer.OnReleased();
        }
    }

    private void OnLockoutEnded()
    {
        PinValue level;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            level = _board.Read(Options.Pin);
        }

        OnLevel(level, LevelSource.LockoutEnd);
    }

    private void OnStuckTimer()
    {
        var pending = new PendingEvents();
        lock (_gate)
        {
            if (_disposed || !_active || Fault is not null)
            {
                return;
            }

            SetFault(pending, FaultForWiring, $"active for more than {Options.StuckAfter.TotalSeconds:0} s");
        }

        pending.Raise();
    }

    private void SetFault(PendingEvents pending, ButtonFault fault, string detail)
    {
        Fault = fault;
        var args = new ButtonFaultEventArgs(Options.Id, fault, _time.GetUtcNow(), detail);
        Log.FaultRaised(_logger, Options.Id, Options.Pin, fault, detail);
        pending.Add(() => FaultChanged?.Invoke(this, args));
    }

    private void ClearFault(PendingEvents pending, string detail)
    {
        Fault = null;
        var args = new ButtonFaultEventArgs(Options.Id, null, _time.GetUtcNow(), detail);
        Log.FaultCleared(_logger, Options.Id, Options.Pin);
        pending.Add(() => FaultChanged?.Invoke(this, args));
    }

    private bool IsActiveLevel(PinValue level)
    {
        // Pull-up: a closed contact reads Low. Normally-closed: pressing opens the contact.
        var contactClosed = Options.Pull == InputPull.Up ? level == PinValue.Low : level == PinValue.High;
        return Options.Wiring == ButtonWiring.NormallyOpen ? contactClosed : !contactClosed;
    }

    private void RaiseGesture(PendingEvents pending, GestureDefinition gesture, long edgeTimestamp, DateTimeOffset edgeTime)
    {
        var args = new ButtonGestureEventArgs(Options.Id, gesture, edgeTimestamp, edgeTime);
        pending.Add(() => GestureRecognized?.Invoke(this, args));
    }

    /// <summary>Events decided under the lock and raised after it is released, so that handlers cannot deadlock us.</summary>
    private sealed class PendingEvents
    {
        private List<Action>? _actions;

        public void Add(Action action) => (_actions ??= []).Add(action);

        public void Raise()
        {
            if (_actions is null)
            {
                return;
            }

            foreach (var action in _actions)
            {
                action();
            }
        }
    }

    private enum LevelSource
    {
        Edge,
        Poll,
        LockoutEnd,
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Button {ButtonId}: {Change} found by the periodic poll; the GPIO edge callback missed it")]
        public static partial void EdgeCaughtByPoll(ILogger logger, string buttonId, string change);

        [LoggerMessage(Level = LogLevel.Error, Message = "Button {ButtonId} (GPIO {Pin}): fault {Fault}, {Detail}")]
        public static partial void FaultRaised(ILogger logger, string buttonId, int pin, ButtonFault fault, string detail);

        [LoggerMessage(Level = LogLevel.Information, Message = "Button {ButtonId} (GPIO {Pin}): fault cleared")]
        public static partial void FaultCleared(ILogger logger, string buttonId, int pin);
    }
}
