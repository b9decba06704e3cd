using Edge.Core.Configuration;
using Edge.Core.Scenarios;
using Edge.Core.Tests.Configuration;
using Edge.Testing.Outbox;
using Hardware.Gpio.Buttons;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Edge.Core.Tests.Scenarios;

internal sealed class EngineRig : IAsyncDisposable
{
    public EngineRig(params IAlertAction[] actions)
    {
        Site = SiteFileLoader.Parse(SiteYaml.Valid, "site.yaml", _ => true).Site;
        Engine = new ScenarioEngine(Site, Outbox, actions, Time, NullLogger<ScenarioEngine>.Instance, new Random(42));
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));

    public InMemoryOutbox Outbox { get; } = new();

    public Edge.Core.Configuration.Model.SiteFile Site { get; }

    public ScenarioEngine Engine { get; }

    public Task<TriggerOutcome> PressAsync(string button = "comptoir", GestureDefinition? gesture = null) =>
        Engine.HandleAsync(new Alerts.Trigger(button, gesture ?? GestureDefinition.Single, Time.GetTimestamp(), Time.GetUtcNow()), TestContext.Current.CancellationToken);

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking each time an alert changes.</summary>
    public async Task WaitForAsync(Func<bool> condition)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnChanged(object? sender, EventArgs e) => changed.TrySetResult();
            Engine.AlertsChanged += OnChanged;
            try
            {
                if (condition())
                {
                    return;
                }

                await changed.Task.WaitAsync(cts.Token);
            }
            finally
            {
                Engine.AlertsChanged -= OnChanged;
            }
        }
    }

    public ValueTask DisposeAsync() => Engine.DisposeAsync();
}
