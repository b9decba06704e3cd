namespace Hardware.Onvif.Security;

/// <summary>
/// The camera's idea of the time: ours plus the offset measured with GetSystemDateAndTime (protocols.md
/// §3.3). Cameras are often hours or years off, and they check WS-Security timestamps against their own clock.
/// </summary>
internal sealed class CameraClock(TimeProvider timeProvider)
{
    private readonly object _lock = new();
    private TimeSpan _offset;
    private bool _isKnown;

    /// <summary>Camera minus us; zero until measured.</summary>
    public TimeSpan Offset
    {
        get
        {
            lock (_lock)
            {
                return _offset;
            }
        }
    }

    /// <summary>False while the camera's clock could not be read.</summary>
    public bool IsKnown
    {
        get
        {
            lock (_lock)
            {
                return _isKnown;
            }
        }
    }

    public DateTimeOffset LocalNow => timeProvider.GetUtcNow();

    public DateTimeOffset CameraNow => timeProvider.GetUtcNow() + Offset;

    public void SetOffset(TimeSpan offset)
    {
        lock (_lock)
        {
            _offset = offset;
            _isKnown = true;
        }
    }
}
