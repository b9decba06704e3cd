namespace Hardware.Gpio.Buttons;

public sealed partial class ButtonWatcher
{
    /// <summary>
    /// Recognises the button's gestures from debounced presses and releases. Runs under the watcher's lock.
    /// A single press is announced on the press itself, always: on a panic button one press must be enough and must
    /// cost no delay, so it never waits to learn whether a longer or repeated gesture follows. The other gestures
    /// are recognised in addition, as they complete (the hold time reached, the n-th press within the window); the
    /// site file validation keeps them from being triggers on a button whose single press already is one.
    /// </summary>
    private sealed class GestureRecognizer : IDisposable
    {
        private readonly ButtonWatcher _owner;
        private readonly bool _hasSingle;
        private readonly GestureDefinition[] _longs;
        private readonly GestureDefinition[] _multis;
        private readonly TimeSpan _window;
        private readonly ITimer _holdTimer;
        private readonly ITimer _windowTimer;

        // Current press.
        private bool _pressed;
        private long _pressTimestamp;
        private DateTimeOffset _pressTime;
        private int _longsFired;

        // Current multi-press sequence: presses since the first one, within the longest window.
        private int _count;
        private long _sequenceTimestamp;
        private DateTimeOffset _sequenceTime;

        public GestureRecognizer(ButtonWatcher owner)
        {
            _owner = owner;
            var gestures = owner.Options.Gestures;
            _hasSingle = gestures.Any(g => g.Kind == GestureKind.Single);
            _longs = [.. gestures.Where(g => g.Kind == GestureKind.Long).OrderBy(g => g.Hold)];
            _multis = [.. gestures.Where(g => g.Kind == GestureKind.Multi).OrderBy(g => g.Count)];
            _window = _multis.Length == 0 ? TimeSpan.Zero : _multis.Max(m => m.Window);
            _holdTimer = owner._time.CreateTimer(_ => OnHoldTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _windowTimer = owner._time.CreateTimer(_ => OnWindowTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public void OnPressed(long timestamp, DateTimeOffset time, PendingEvents pending)
        {
            _pressed = true;
            _pressTimestamp = timestamp;
            _pressTime = time;
            _longsFired = 0;
            if (_hasSingle)
            {
                _owner.RaiseGesture(pending, GestureDefinition.Single, timestamp, time);
            }

            if (_longs.Length > 0)
            {
                _holdTimer.Change(_longs[0].Hold, Timeout.InfiniteTimeSpan);
            }

            if (_multis.Length > 0)
            {
                CountPress(timestamp, time, pending);
            }
        }

        public void OnReleased()
        {
            _pressed = false;
            _holdTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public void Dispose()
        {
            _holdTimer.Dispose();
            _windowTimer.Dispose();
        }

        private void CountPress(long timestamp, DateTimeOffset time, PendingEvents pending)
        {
            if (_count == 0)
            {
                _sequenceTimestamp = timestamp;
                _sequenceTime = time;
                _windowTimer.Change(_window, Timeout.InfiniteTimeSpan);
            }

            _count++;
            var elapsed = TimeSpan.FromSeconds((timestamp - _sequenceTimestamp) / (double)_owner._time.TimestampFrequency);
            foreach (var multi in _multis.Where(m => m.Count == _count && elapsed <= m.Window))
            {
                _owner.RaiseGesture(pending, multi, _sequenceTimestamp, _sequenceTime);
            }

            if (_count >= _multis[^1].Count)
            {
                // Nothing longer to wait for: the next press starts a new sequence.
                _count = 0;
                _windowTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }

        private void OnHoldTimer()
        {
            var pending = new PendingEvents();
            lock (_owner._gate)
            {
                if (_owner._disposed || !_pressed)
                {
                    return;
                }

                var held = _owner._time.GetElapsedTime(_pressTimestamp);
                while (_longsFired < _longs.Length && _longs[_longsFired].Hold <= held)
                {
                    _owner.RaiseGesture(pending, _longs[_longsFired], _pressTimestamp, _pressTime);
                    _longsFired++;
                }

                if (_longsFired < _longs.Length)
                {
                    _holdTimer.Change(_longs[_longsFired].Hold - held, Timeout.InfiniteTimeSpan);
                }

                // A long press is a gesture of its own, never part of a multi-press sequence.
                _count = 0;
                _windowTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }

            pending.Raise();
        }

        private void OnWindowTimer()
        {
            lock (_owner._gate)
            {
                _count = 0;
            }
        }
    }
}
