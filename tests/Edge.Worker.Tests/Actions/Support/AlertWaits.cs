using Edge.Contracts.Messages;
using Edge.Core.Alerts;
using Edge.Worker.Tests.Hosting;
using Hardware.Gpio.Buttons;

namespace Edge.Worker.Tests.Actions.Support;

/// <summary>Presses and waits on a running box, by the engine's change notifications (never a fixed sleep).</summary>
internal static class AlertWaits
{
    /// <summary>
    /// Presses <paramref name="button"/> on the virtual board and releases it once the box has seen the press, then
    /// returns the alert it raised. The board is driven directly rather than through <c>/virtual/buttons</c>, whose
    /// pending releases are kept per button id for the whole process, so boxes of tests running in parallel would
    /// cancel each other's releases.
    /// </summary>
    public static async Task<ActiveAlert> RaiseAsync(this RunningEdge edge, string button = "comptoir")
    {
        var known = edge.Engine.Alerts.Select(a => a.Id).ToHashSet();
        var watcher = edge.Hardware.Buttons[button];
        var pressed = Signal();
        var released = Signal();
        void OnPressed(object? sender, ButtonEdgeEventArgs e) => pressed.TrySetResult();
        void OnReleased(object? sender, ButtonEdgeEventArgs e) => released.TrySetResult();
        watcher.Pressed += OnPressed;
        watcher.Released += OnReleased;
        try
        {
            edge.Hardware.SetVirtualButton(button, pressed: true);
            await pressed.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
            edge.Hardware.SetVirtualButton(button, pressed: false); // seen after the debounce lockout, as a hand's release
            await released.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
            await edge.WaitForAsync(() => edge.Engine.Alerts.Any(a => !known.Contains(a.Id)));
        }
        finally
        {
            watcher.Pressed -= OnPressed;
            watcher.Released -= OnReleased;
        }

        return edge.Engine.Alerts.First(a => !known.Contains(a.Id));
    }

    /// <summary>Waits for the action's outcome (succeeded or failed) and returns that event.</summary>
    public static async Task<AlertEvent> OutcomeAsync(this RunningEdge edge, ActiveAlert alert, string action)
    {
        await edge.WaitForAsync(() => alert.Events.Any(e => IsOutcome(e, action)));
        return alert.Events.First(e => IsOutcome(e, action));
    }

    /// <summary>Waits for an event of the action that matches.</summary>
    public static async Task<AlertEvent> EventAsync(this RunningEdge edge, ActiveAlert alert, string action, Func<AlertEvent, bool> match)
    {
        await edge.WaitForAsync(() => alert.Events.Any(e => e.Action == action && match(e)));
        return alert.Events.First(e => e.Action == action && match(e));
    }

    private static TaskCompletionSource Signal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static IReadOnlyList<AlertEvent> Progress(this ActiveAlert alert, string action) =>
        [.. alert.Events.Where(e => e.Action == action && e.Kind == AlertEventKind.ActionProgress)];

    private static bool IsOutcome(AlertEvent e, string action) =>
        e.Action == action && e.Kind is AlertEventKind.ActionSucceeded or AlertEventKind.ActionFailed;
}
