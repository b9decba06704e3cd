using Microsoft.Extensions.Time.Testing;

namespace Hardware.Gpio.Tests.Buttons;

/// <summary>
/// The clock of a machine so loaded that timers fire very late: time moves (<see cref="Clock"/>), timers never fire.
/// What the watcher does then must not depend on a timer being punctual.
/// </summary>
internal sealed class LateTimersTimeProvider(FakeTimeProvider clock) : TimeProvider
{
    public FakeTimeProvider Clock { get; } = clock;

    public override long TimestampFrequency => Clock.TimestampFrequency;

    public override long GetTimestamp() => Clock.GetTimestamp();

    public override DateTimeOffset GetUtcNow() => Clock.GetUtcNow();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new NeverTimer();

    private sealed class NeverTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
