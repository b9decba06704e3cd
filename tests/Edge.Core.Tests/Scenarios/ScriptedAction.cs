using Edge.Core.Alerts;
using Edge.Core.Configuration.Model;
using Edge.Core.Scenarios;

namespace Edge.Core.Tests.Scenarios;

/// <summary>An action whose behaviour the test writes, and which tells the test when it starts.</summary>
internal sealed class ScriptedAction(string name, Func<ActionContext, CancellationToken, Task<ActionResult>> behaviour) : IAlertAction
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name { get; } = name;

    public bool IsAudible { get; init; }

    public bool IsImmediate { get; init; }

    public ActionPolicy Policy { get; init; } = new(TimeSpan.FromSeconds(10), 1, TimeSpan.Zero);

    public int Runs;

    public List<AlertChange> Changes { get; } = [];

    public Task Started => _started.Task;

    public bool AppliesTo(ScenarioConfig scenario) => true;

    public ActionPolicy PolicyFor(ScenarioConfig scenario) => Policy;

    public Task<ActionResult> RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Runs);
        _started.TrySetResult();
        return behaviour(context, cancellationToken);
    }

    public void OnAlertChanged(ActiveAlert alert, AlertChange change) => Changes.Add(change);

    public static ScriptedAction Succeeding(string name, string detail = "done") =>
        new(name, (_, _) => Task.FromResult(new ActionResult(detail)));
}
