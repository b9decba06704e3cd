namespace Hardware.Gpio.Outputs;

/// <summary>The status LED: maps a <see cref="LedPattern"/> to blinking on a <see cref="DigitalOutput"/>.</summary>
public sealed class StatusLed(DigitalOutput output)
{
    private static readonly TimeSpan s_blink = TimeSpan.FromMilliseconds(100);

    private readonly object _gate = new();

    public DigitalOutput Output { get; } = output;

    public LedPattern Current { get; private set; } = LedPattern.Idle;

    public static OutputPattern PatternFor(LedPattern pattern) => pattern switch
    {
        LedPattern.Idle => OutputPattern.Sequence("idle", new OutputStep(true, s_blink), new OutputStep(false, TimeSpan.FromMilliseconds(1900))),
        LedPattern.Offline => OutputPattern.Sequence("offline", new OutputStep(true, TimeSpan.FromMilliseconds(1000)), new OutputStep(false, TimeSpan.FromMilliseconds(1000))),
        LedPattern.Fault => OutputPattern.Sequence("fault", new OutputStep(true, s_blink), new OutputStep(false, s_blink), new OutputStep(true, s_blink), new OutputStep(false, TimeSpan.FromMilliseconds(1700))),
        LedPattern.Acknowledged => OutputPattern.Steady.WithName("acknowledged"),
        LedPattern.Alarm => OutputPattern.Sequence("alarm", new OutputStep(true, TimeSpan.FromMilliseconds(150)), new OutputStep(false, TimeSpan.FromMilliseconds(150))),
        _ => throw new ArgumentOutOfRangeException(nameof(pattern), pattern, null),
    };

    /// <summary>Shows <paramref name="pattern"/>; does nothing if it is already showing (no visible restart).</summary>
    public void Show(LedPattern pattern)
    {
        lock (_gate)
        {
            if (pattern == Current && Output.Pattern is not null)
            {
                return;
            }

            Current = pattern;
            Output.Play(PatternFor(pattern));
        }
    }
}
