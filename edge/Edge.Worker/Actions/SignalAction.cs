using System.Collections.Concurrent;
using System.Globalization;
using Edge.Core.Alerts;
using Edge.Core.Configuration.Model;
using Edge.Core.Scenarios;
using Edge.Worker.Hardware;
using Hardware.Gpio.Outputs;

namespace Edge.Worker.Actions;

/// <summary>
/// The siren or the strobe of a scenario: switches its relay on with the scenario's pattern, for its duration.
/// Runs inline (a GPIO write), so the siren sounds in the same millisecond as the alert is stored.
/// </summary>
public sealed class SignalAction(OutputKind kind, SiteHardware hardware) : IAlertAction
{
    // Which alert each output is playing for: an acknowledgement of an older alert must not stop a newer one.
    private readonly ConcurrentDictionary<string, Guid> _playingFor = new(StringComparer.Ordinal);

    public string Name { get; } = kind == OutputKind.Siren ? "siren" : "strobe";

    public bool IsAudible => kind == OutputKind.Siren;

    public bool IsImmediate => true;

    public bool AppliesTo(ScenarioConfig scenario) => SignalOf(scenario) is not null;

    public ActionPolicy PolicyFor(ScenarioConfig scenario) => ActionPolicy.Immediate;

    public Task<ActionResult> RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var signal = SignalOf(context.Alert.Scenario)!;
        var output = hardware.Outputs[signal.Output];
        var pattern = signal.Pattern == "pulsed"
            ? OutputPattern.Pulsed(TimeSpan.FromMilliseconds(signal.OnMs), TimeSpan.FromMilliseconds(signal.OffMs))
            : OutputPattern.Steady;
        output.Play(pattern, TimeSpan.FromSeconds(signal.DurationSeconds));
        _playingFor[output.Id] = context.Alert.Id;

        return Task.FromResult(new ActionResult(
            $"{output.Id} on ({pattern.Name}) for {signal.DurationSeconds} s",
            new Dictionary<string, string>
            {
                ["output"] = output.Id,
                ["pattern"] = pattern.Name,
                ["durationSeconds"] = signal.DurationSeconds.ToString(CultureInfo.InvariantCulture),
            }));
    }

    public void OnAlertChanged(ActiveAlert alert, AlertChange change)
    {
        var signal = SignalOf(alert.Scenario);
        if (signal is null || !_playingFor.TryGetValue(signal.Output, out var owner) || owner != alert.Id)
        {
            return;
        }

        var stop = change switch
        {
            AlertChange.FalseAlarm or AlertChange.Cleared => true,
            AlertChange.SirenSilenced => IsAudible,
            AlertChange.Acknowledged => signal.StopOnAcknowledge,
            _ => false,
        };
        if (stop && _playingFor.TryRemove(new KeyValuePair<string, Guid>(signal.Output, alert.Id)))
        {
            hardware.Outputs[signal.Output].Off();
        }
    }

    private SignalConfig? SignalOf(ScenarioConfig scenario) => kind == OutputKind.Siren ? scenario.Siren : scenario.Strobe;
}
