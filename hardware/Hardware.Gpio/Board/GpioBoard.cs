using System.Device.Gpio;
using Hardware.Gpio.Virtual;

namespace Hardware.Gpio.Board;

/// <summary>
/// The box's GPIO: one controller over the chosen driver. Owns the pins it opens; disposing it drives every
/// output it opened to its inactive level first, so that nothing is left sounding when the service stops.
/// </summary>
public sealed class GpioBoard : IDisposable
{
    private readonly GpioController _controller;
    private readonly object _gate = new();
    private readonly Dictionary<int, PinValue> _outputsInactive = [];
    private bool _disposed;

    public GpioBoard(GpioController controller, GpioDriverKind kind, string description, VirtualBoardDriver? virtualDriver = null)
    {
        _controller = controller;
        Kind = kind;
        Description = description;
        Virtual = virtualDriver;
    }

    public GpioDriverKind Kind { get; }

    /// <summary>What driver and chip are in use, for logs and status.</summary>
    public string Description { get; }

    /// <summary>The virtual driver, to drive inputs and read outputs; null on real hardware.</summary>
    public VirtualBoardDriver? Virtual { get; }

    public bool IsVirtual => Virtual is not null;

    /// <summary>Opens an input with the given pull; fails clearly if the pin does not exist or is taken.</summary>
    public void OpenInput(int pin, PinMode mode)
    {
        if (mode is not (PinMode.Input or PinMode.InputPullUp or PinMode.InputPullDown))
        {
            throw new ArgumentException($"{mode} is not an input mode.", nameof(mode));
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            EnsureFree(pin);
            if (!_controller.IsPinModeSupported(pin, mode))
            {
                throw new GpioBoardException($"GPIO {pin} does not support {mode} on this board ({Description}).");
            }

            OpenCore(pin, mode, null);
        }
    }

    /// <summary>Opens an output and drives it to <paramref name="inactiveLevel"/> in the same step, before anything can switch it on.</summary>
    public void OpenOutput(int pin, PinValue inactiveLevel)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            EnsureFree(pin);
            OpenCore(pin, PinMode.Output, inactiveLevel);
            _outputsInactive[pin] = inactiveLevel;
        }
    }

    public PinValue Read(int pin) => _controller.Read(pin);

    public void Write(int pin, PinValue value) => _controller.Write(pin, value);

    public void RegisterEdgeCallback(int pin, PinChangeEventHandler handler) =>
        _controller.RegisterCallbackForPinValueChangedEvent(pin, PinEventTypes.Rising | PinEventTypes.Falling, handler);

    public void UnregisterEdgeCallback(int pin, PinChangeEventHandler handler) =>
        _controller.UnregisterCallbackForPinValueChangedEvent(pin, handler);

    /// <summary>Drives every output this board opened to its inactive level (used at shutdown and on faults).</summary>
    public void AllOutputsOff()
    {
        lock (_gate)
        {
            foreach (var (pin, inactive) in _outputsInactive)
            {
                _controller.Write(pin, inactive);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            foreach (var (pin, inactive) in _outputsInactive)
            {
                try
                {
                    _controller.Write(pin, inactive);
                }
                catch (Exception ex) when (ex is IOException or InvalidOperationException)
                {
                    // Best effort at shutdown: one broken pin must not keep the others on.
                }
            }

            _disposed = true;
        }

        _controller.Dispose();
    }

    private void OpenCore(int pin, PinMode mode, PinValue? initial)
    {
        try
        {
            if (initial is { } value)
            {
                _controller.OpenPin(pin, mode, value);
            }
            else
            {
                _controller.OpenPin(pin, mode);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or InvalidOperationException or UnauthorizedAccessException or PlatformNotSupportedException)
        {
            throw new GpioBoardException(
                $"Cannot open GPIO {pin} as {mode} on {Description}: {ex.Message}" +
                (ex is UnauthorizedAccessException ? " The service user must be in the 'gpio' group." : string.Empty), ex);
        }
    }

    private void EnsureFree(int pin)
    {
        if (_controller.IsPinOpen(pin))
        {
            throw new GpioBoardException($"GPIO {pin} is already in use on this board.");
        }
    }
}
