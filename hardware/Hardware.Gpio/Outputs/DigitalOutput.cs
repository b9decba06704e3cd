using System.Device.Gpio;
using Hardware.Gpio.Board;

namespace Hardware.Gpio.Outputs;

/// <summary>
/// A relay or LED on one GPIO: plays a pattern, optionally for a limited time, and is off otherwise.
/// The first level of a pattern is written synchronously by <see cref="Play"/>, so that a siren starts in the
/// same call that asks for it; later steps run on timers of the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class DigitalOutput : IDisposable
{
    private readonly GpioBoard _board;
    private readonly TimeProvider _time;
    private readonly object _gate = new();
    private readonly ITimer _stepTimer;
    private readonly ITimer _stopTimer;
    private int _step;
    private bool _disposed;

    public DigitalOutput(GpioBoard board, string id, int pin, bool activeLow, TimeProvider time)
    {
        _board = board;
        Id = id;
        Pin = pin;
        ActiveLow = activeLow;
        _time = time;
        _stepTimer = time.CreateTimer(_ => OnStep(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _stopTimer = time.CreateTimer(_ => Off(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public string Id { get; }

    public int Pin { get; }

    /// <summary>The relay board switches on a Low level (most opto-isolated relay boards do).</summary>
    public bool ActiveLow { get; }

    /// <summary>The pattern playing, or null when off.</summary>
    public OutputPattern? Pattern { get; private set; }

    /// <summary>The logical level right now (on = the relay energised or the LED lit).</summary>
    public bool IsOn { get; private set; }

    /// <summary>When the pattern stops by itself, if it was given a duration.</summary>
    public DateTimeOffset? StopsAt { get; private set; }

    private PinValue OnLevel => ActiveLow ? PinValue.Low : PinValue.High;

    private PinValue OffLevel => ActiveLow ? PinValue.High : PinValue.Low;

    /// <summary>Claims the pin and drives it off before anything else can happen.</summary>
    public void Open() => _board.OpenOutput(Pin, OffLevel);

    /// <summary>Starts <paramref name="pattern"/> now, replacing whatever was playing; stops by itself after <paramref name="duration"/>.</summary>
    public void Play(OutputPattern pattern, TimeSpan? duration = null)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            Pattern = pattern;
            _step = 0;
            if (pattern.IsSteady)
            {
                _stepTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                SetLevel(true);
            }
            else
            {
                var first = pattern.Steps[0];
                SetLevel(first.On);
                _stepTimer.Change(first.Duration, Timeout.InfiniteTimeSpan);
            }

            if (duration is { } d)
            {
                StopsAt = _time.GetUtcNow() + d;
                _stopTimer.Change(d, Timeout.InfiniteTimeSpan);
            }
            else
            {
                StopsAt = null;
                _stopTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }
    }

    public void Off()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            Pattern = null;
            StopsAt = null;
            _stepTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _stopTimer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            SetLevel(false);
        }
    }

    /// <summary>Drives the output off and stops its timers for good.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            try
            {
                Off();
            }
            catch (ObjectDisposedException)
            {
                // The board went first; it switched this output off when it closed.
            }

            _disposed = true;
            _stepTimer.Dispose();
            _stopTimer.Dispose();
        }
    }

    private void OnStep()
    {
        lock (_gate)
        {
            if (_disposed || Pattern is not { IsSteady: false } pattern)
            {
                return;
            }

            _step = (_step + 1) % pattern.Steps.Count;
            var step = pattern.Steps[_step];
            SetLevel(step.On);
            _stepTimer.Change(step.Duration, Timeout.InfiniteTimeSpan);
        }
    }

    private void SetLevel(bool on)
    {
        IsOn = on;
        _board.Write(Pin, on ? OnLevel : OffLevel);
    }
}
