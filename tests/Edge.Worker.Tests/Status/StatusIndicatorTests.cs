using Edge.Core.Alerts;
using Edge.Core.Configuration.Model;
using Edge.Worker.Status;
using Hardware.Gpio.Buttons;
using Hardware.Gpio.Outputs;

namespace Edge.Worker.Tests.Status;

public sealed class StatusIndicatorTests
{
    private static ActiveAlert Alert(bool silent = false)
    {
        var scenario = new ScenarioConfig { Id = "s", Name = "s", Silent = silent, Trigger = new TriggerConfig { Button = "b", Gesture = GestureDefinition.Single } };
        return new ActiveAlert(Guid.CreateVersion7(), scenario, new Trigger("b", GestureDefinition.Single, 0, DateTimeOffset.UnixEpoch), drill: false, DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public void RunningAlert_BeatsEverything() =>
        Assert.Equal(LedPattern.Alarm, StatusIndicator.PatternFor([Alert()], anyFault: true, offline: true));

    [Fact]
    public void SilentAlert_NeverShows() =>
        Assert.Equal(LedPattern.Fault, StatusIndicator.PatternFor([Alert(silent: true)], anyFault: true, offline: true));

    [Fact]
    public void FaultThenOfflineThenIdle()
    {
        Assert.Equal(LedPattern.Fault, StatusIndicator.PatternFor([], anyFault: true, offline: true));
        Assert.Equal(LedPattern.Offline, StatusIndicator.PatternFor([], anyFault: false, offline: true));
        Assert.Equal(LedPattern.Idle, StatusIndicator.PatternFor([], anyFault: false, offline: false));
    }
}
