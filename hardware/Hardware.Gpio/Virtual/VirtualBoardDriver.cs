using System.Device.Gpio;

namespace Hardware.Gpio.Virtual;

/// <summary>
/// A GPIO driver with no hardware behind it, for development, demos and tests. Its inputs are driven by code
/// (<see cref="SetContact"/>, <see cref="SetLevel"/>) and its outputs can be read back and observed.
/// It models the electrical side: a button is a contact between the pin and the opposite rail of its pull
/// resistor, so closing the contact on a pull-up input reads Low, exactly as on a Raspberry Pi.
/// </summary>
public sealed class VirtualBoardDriver : GpioDriver
{
    /// <summary>BCM 0..27, the 40-pin header of every Raspberry Pi since the B+.</summary>
    public const int DefaultPinCount = 28;

    private readonly object _gate = new();
    private readonly VirtualPin[] _pins;

    public VirtualBoardDriver(int pinCount = DefaultPinCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pinCount, 1);
        _pins = new VirtualPin[pinCount];
        for (var i = 0; i < pinCount; i++)
        {
            _pins[i] = new VirtualPin();
        }
    }

    /// <summary>Raised, on the writer's thread, whenever a pin configured as output is written.</summary>
    public event EventHandler<VirtualOutputChangedEventArgs>? OutputWritten;

    /// <summary>When true, edge callbacks are swallowed: simulates a kernel/driver that stops reporting edges.</summary>
    public bool DropCallbacks { get; set; }

    protected override int PinCount => _pins.Length;

    /// <summary>Closes or opens the contact wired to <paramref name="pin"/>; the level follows the pin's pull.</summary>
    public void SetContact(int pin, bool closed)
    {
        PinValue level;
        lock (_gate)
        {
            var p = Pin(pin);
            p.ContactClosed = closed;
            level = p.EffectiveLevel;
        }

        ApplyLevel(pin, level);
    }

    /// <summary>Forces the electrical level of an input (bounce, glitches), ignoring contact and pull.</summary>
    public void SetLevel(int pin, PinValue level)
    {
        lock (_gate)
        {
            Pin(pin).ForcedLevel = level;
        }

        ApplyLevel(pin, level);
    }

    /// <summary>Removes a level forced by <see cref="SetLevel"/>: the contact and pull decide again.</summary>
    public void ReleaseLevel(int pin)
    {
        PinValue level;
        lock (_gate)
        {
            var p = Pin(pin);
            p.ForcedLevel = null;
            level = p.EffectiveLevel;
        }

        ApplyLevel(pin, level);
    }

    /// <summary>The last value written to an output pin (Low if never written).</summary>
    public PinValue GetOutput(int pin)
    {
        lock (_gate)
        {
            return Pin(pin).Output;
        }
    }

    public PinMode? GetMode(int pin)
    {
        lock (_gate)
        {
            var p = Pin(pin);
            return p.IsOpen ? p.Mode : null;
        }
    }

    public bool IsOpen(int pin)
    {
        lock (_gate)
        {
            return Pin(pin).IsOpen;
        }
    }

    protected override void OpenPin(int pinNumber)
    {
        lock (_gate)
        {
            Pin(pinNumber).IsOpen = true;
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            var p = Pin(pinNumber);
            p.IsOpen = false;
            p.Callbacks.Clear();
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate)
        {
            var p = Pin(pinNumber);
            p.Mode = mode;

            // The level a real input settles at when its mode is set; later changes are edges from here.
            p.LastReportedLevel = p.EffectiveLevel;
        }
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
        {
            return Pin(pinNumber).Mode;
        }
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        mode is PinMode.Input or PinMode.InputPullUp or PinMode.InputPullDown or PinMode.Output;

    protected override PinValue Read(int pinNumber)
    {
        lock (_gate)
        {
            var p = Pin(pinNumber);
            return p.Mode == PinMode.Output ? p.Output : p.EffectiveLevel;
        }
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        lock (_gate)
        {
            Pin(pinNumber).Output = value;
        }

        OutputWritten?.Invoke(this, new VirtualOutputChangedEventArgs(pinNumber, value));
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The virtual board reports edges through callbacks only.");

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            Pin(pinNumber).Callbacks.Add((eventTypes, callback));
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            Pin(pinNumber).Callbacks.RemoveAll(c => c.Handler == callback);
        }
    }

    private void ApplyLevel(int pin, PinValue level)
    {
        List<PinChangeEventHandler> toCall = [];
        PinEventTypes change;
        lock (_gate)
        {
            var p = Pin(pin);
            if (p.LastReportedLevel == level)
            {
                return;
            }

            p.LastReportedLevel = level;
            change = level == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            if (DropCallbacks)
            {
                return;
            }

            foreach (var (types, handler) in p.Callbacks)
            {
                if ((types & change) != 0)
                {
                    toCall.Add(handler);
                }
            }
        }

        // Outside the lock, as the real drivers call back from their own event thread.
        var args = new PinValueChangedEventArgs(change, pin);
        foreach (var handler in toCall)
        {
            handler(this, args);
        }
    }

    private VirtualPin Pin(int pin)
    {
        if ((uint)pin >= (uint)_pins.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(pin), pin, $"The virtual board has pins 0 to {_pins.Length - 1}.");
        }

        return _pins[pin];
    }

    private sealed class VirtualPin
    {
        public bool IsOpen { get; set; }

        public PinMode Mode { get; set; } = PinMode.Input;

        public bool ContactClosed { get; set; }

        public PinValue? ForcedLevel { get; set; }

        public PinValue Output { get; set; } = PinValue.Low;

        public PinValue? LastReportedLevel { get; set; }

        public List<(PinEventTypes Types, PinChangeEventHandler Handler)> Callbacks { get; } = [];

        /// <summary>Open contact: the pull decides (a floating input reads Low). Closed: the opposite rail.</summary>
        public PinValue EffectiveLevel
        {
            get
            {
                if (ForcedLevel is { } forced)
                {
                    return forced;
                }

                var pulledUp = Mode == PinMode.InputPullUp;
                var rest = pulledUp ? PinValue.High : PinValue.Low;
                return ContactClosed ? (pulledUp ? PinValue.Low : PinValue.High) : rest;
            }
        }
    }
}
