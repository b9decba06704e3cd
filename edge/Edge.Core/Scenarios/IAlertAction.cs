using Edge.Core.Alerts;
using Edge.Core.Configuration.Model;

namespace Edge.Core.Scenarios;

/// <summary>
/// One kind of local action a scenario can run (siren, strobe, camera, calls). The engine runs every action that
/// applies to a scenario in parallel, each under its own <see cref="PolicyFor"/>, and records its outcome as an event
/// of the alert. An implementation reports failure by throwing; it must honour the cancellation token.
/// </summary>
public interface IAlertAction
{
    /// <summary>siren, strobe, camera, call: the name used in events.</summary>
    string Name { get; }

    /// <summary>Makes a sound: never run for a silent scenario, whatever the site file says.</summary>
    bool IsAudible { get; }

    /// <summary>Finishes at once without blocking (a GPIO write): run inline, before anything else is scheduled,
    /// so that it starts within the same millisecond as the alert.</summary>
    bool IsImmediate { get; }

    bool AppliesTo(ScenarioConfig scenario);

    ActionPolicy PolicyFor(ScenarioConfig scenario);

    Task<ActionResult> RunAsync(ActionContext context, CancellationToken cancellationToken);

    /// <summary>The alert changed in a way that may end what this action keeps doing (a siren still sounding,
    /// calls still being placed). Called once per change; must not block.</summary>
    void OnAlertChanged(ActiveAlert alert, AlertChange change);
}
