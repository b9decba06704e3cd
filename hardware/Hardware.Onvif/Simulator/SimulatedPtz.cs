using Hardware.Onvif.Ptz;

namespace Hardware.Onvif.Simulator;

/// <summary>The virtual camera's head: where it points, and until when it is moving.</summary>
internal sealed class SimulatedPtz(TimeSpan moveDuration)
{
    private readonly object _lock = new();

    // Where the recorded GetStatus says the camera was.
    private PtzPosition _position = new(-0.864665985, 0.267444015, 0.211861998);
    private DateTimeOffset _movingUntil = DateTimeOffset.MinValue;

    public void MoveTo(PtzPosition? target, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (target is not null)
            {
                _position = new PtzPosition(target.Pan ?? _position.Pan, target.Tilt ?? _position.Tilt, target.Zoom ?? _position.Zoom);
            }

            _movingUntil = now + moveDuration;
        }
    }

    public (PtzPosition Position, bool Moving) Read(DateTimeOffset now)
    {
        lock (_lock)
        {
            return (_position, now < _movingUntil);
        }
    }
}
