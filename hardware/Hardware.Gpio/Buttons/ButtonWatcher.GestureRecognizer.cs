namespace Hardware.Gpio.Buttons;

public sealed partial class ButtonWatcher
{
    /// <summary>
    /// Recognises the button's gestures from debounced presses and releases. Runs under the watcher's lock.
    /// A single press is announced on the press itself when it cannot be the start of anything else (the common
    /// panic-button case: no added latency); otherwise as soon as the ambiguity is resolved (release before the
    /// long-press time, end of the multi-press window).
    /// </summary>
    private sealed class GestureRecognizer : IDisposable
    {
        private readonly ButtonWatcher _owner;
        private readonly bool _hasSingle;
        private readonly GestureDefinition[] _longs;
        private readonly GestureDefinition[] _multis;
        private readonly int _maxCount;
        private readonly TimeSpan _window;
        private readonly long _windowTicks;
        private readonly ITimer _holdTimer;
        private readonly ITimer _windowTimer;

        // Current press.
        private bool _pressed;
        private long _pressTimestamp;
        private DateTimeOffset _pressTime;
        private int _longsFired;

        // Current multi-press sequence.
        private int _count;
        private long _sequenceTimestamp;
        private long _lastPressTimestamp;
        private DateTimeOffset _sequenceTime;
        private bool _singleOnRelease;

        public GestureRecognizer(ButtonWatcher owner)
        {
            _owner = owner;
            var gestures = owner.Options.Gestures;
            _hasSingle = gestures.Any(g => g.Kind == GestureKind.Single);
            _longs = [.. gestures.Where(g => g.Kind == GestureKind.Long).OrderBy(g => g.Hold)];
            _multis = [.. gestures.Where(g => g.Kind == GestureKind.Multi).OrderBy(g => g.Count)];
            _maxCount = _multis.Length == 0 ? 1 : _multis[^1].Count;
            _window = _multis.Length == 0 ? TimeSpan.Zero : _multis.Max(m => m.Window);
            _windowTicks = (long)(_window.TotalSeconds * owner._time.TimestampFrequency);
            _holdTimer = owner._time.CreateTimer(_ => OnHoldTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _windowTimer = owner._time.CreateTimer(_ => OnWindowTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        /// <summary>Nothing else can follow a press: announce it at once.</summary>
        private bool SingleIsImmediate => _hasSingle && _longs.Length == 0 && _multis.Length == 0;

        public void OnPressed(long timestamp, DateTimeOffset time, PendingEvents pending)
        {
            _pressed = true;
            _pressTimestamp = timestamp;
            _pressTime = time;
            _longsFired = 0;
            _singleOnRelease = false;
            if (_longs.Length > 0)
            {
                _holdTimer.Change(_longs[0].Hold, Timeout.InfiniteTimeSpan);
            }

            if (SingleIsImmediate)
            {
                _owner.RaiseGesture(pending, GestureDefinition.Single, timestamp, time);
                return;
            }

            if (_multis.Length == 0)
            {
                return;
            }

            if (_count == 0 || timestamp - _sequenceTimestamp > _windowTicks)
            {
                _count = 1;
                _sequenceTimestamp = timestamp;
                _sequenceTime = time;
                _windowTimer.Change(_window, Timeout.InfiniteTimeSpan);
            }
            else
            {
                _count++;
            }

            _lastPressTimestamp = timestamp;

            // The largest count cannot be extended: no need to wait for the window to end.
            if (_count == _maxCount && WithinWindow(_multis[^1]))
            {
                _owner.RaiseGesture(pending, _multis[^1], _sequenceTimestamp, _sequenceTime);
                ResetSequence();
            }
        }

        public void OnReleased(PendingEvents pending)
        {
            _pressed = false;
            _holdTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            if (!_hasSingle || SingleIsImmediate || _longsFired > 0)
            {
                return;
            }

            if (_multis.Length == 0 || _singleOnRelease)
            {
                _singleOnRelease = false;
                _owner.RaiseGesture(pending, GestureDefinition.Single, _pressTimestamp, _pressTime);
            }

            // Otherwise the window timer decides between a single press and the start of a multi-press.
        }

        public void Dispose()
        {
            _holdTimer.Dispose();
            _windowTimer.Dispose();
        }

        private bool WithinWindow(GestureDefinition multi) =>
            _lastPressTimestamp - _sequenceTimestamp <= (long)(multi.Window.TotalSeconds * _owner._time.TimestampFrequency);

        private void ResetSequence()
        {
            _count = 0;
            _windowTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
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
                if (_longsFired > 0)
                {
                    ResetSequence();
                }
            }

            pending.Raise();
        }

        private void OnWindowTimer()
        {
            var pending = new PendingEvents();
            lock (_owner._gate)
            {
                if (_owner._disposed || _count == 0)
                {
                    return;
                }

                if (_count == 1 && _hasSingle && _longsFired == 0)
                {
                    if (_pressed)
                    {
                        // Still held at the end of the window: it is a single press (or a long one), decided on release.
                        _singleOnRelease = true;
                    }
                    else
                    {
                        _owner.RaiseGesture(pending, GestureDefinition.Single, _sequenceTimestamp, _sequenceTime);
                    }
                }
                else
                {
                    var match = _multis.FirstOrDefault(m => m.Count == _count && WithinWindow(m));
                    if (match is not null)
                    {
                        _owner.RaiseGesture(pending, match, _sequenceTimestamp, _sequenceTime);
                    }
                }

                _count = 0;
            }

            pending.Raise();
        }
    }
}
