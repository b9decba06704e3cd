using System.Net.Http.Json;
using System.Text.Json;
using Edge.Worker.Hardware;
using Edge.Worker.Hosting;
using Hardware.Gpio.Virtual;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Edge.Worker.Tests.Hosting;

/// <summary>The real box, in this process, on the virtual board, with its local API on a free loopback port.</summary>
internal sealed class RunningEdge : IAsyncDisposable
{
    private RunningEdge(WebApplication app, string dataDirectory, HttpClient http)
    {
        App = app;
        DataDirectory = dataDirectory;
        Http = http;
    }

    public WebApplication App { get; }

    public string DataDirectory { get; }

    public HttpClient Http { get; }

    public SiteHardware Hardware => App.Services.GetRequiredService<SiteHardware>();

    public VirtualBoardDriver Board => Hardware.Board.Virtual!;

    public Edge.Core.Scenarios.ScenarioEngine Engine => App.Services.GetRequiredService<Edge.Core.Scenarios.ScenarioEngine>();

    public static string ExampleSite => Path.Combine(AppContext.BaseDirectory, "sites", "mairie-accueil.yaml");

    /// <summary>The example site without its camera and phone, for tests about the local path alone.</summary>
    public static string HallOnlySite => Path.Combine(AppContext.BaseDirectory, "Hosting", "sites", "hall-only.yaml");

    /// <param name="secretsDirectory">Where the box reads its secrets (one file per secret); the default is the box's.</param>
    /// <param name="services">Registers services before the box registers its own (e.g. an action the host does not wire yet).</param>
    public static async Task<RunningEdge> StartAsync(
        string? siteFile = null,
        TimeProvider? time = null,
        string? dataDirectory = null,
        string? secretsDirectory = null,
        Action<IServiceCollection>? services = null)
    {
        dataDirectory ??= Directory.CreateTempSubdirectory("edge-worker-").FullName;
        string[] args = [$"--Edge:SiteFile={siteFile ?? HallOnlySite}", $"--Edge:DataDirectory={dataDirectory}", "--Edge:LocalApiUrl=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"];
        if (secretsDirectory is not null)
        {
            args = [.. args, $"--Edge:SecretsDirectory={secretsDirectory}"];
        }

        var app = EdgeApp.Create(
            args,
            builder =>
            {
                if (time is not null)
                {
                    builder.Services.AddSingleton(time);
                }

                services?.Invoke(builder.Services);
            });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningEdge(app, dataDirectory, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async Task<JsonElement> StatusAsync() =>
        await Http.GetFromJsonAsync<JsonElement>("/status", TestContext.Current.CancellationToken);

    public Task<HttpResponseMessage> PressAsync(string button, int? holdMs = null) =>
        Http.PostAsync($"/virtual/buttons/{button}/press" + (holdMs is null ? string.Empty : $"?holdMs={holdMs}"), null, TestContext.Current.CancellationToken);

    public Task<HttpResponseMessage> ReleaseAsync(string button) =>
        Http.PostAsync($"/virtual/buttons/{button}/release", null, TestContext.Current.CancellationToken);

    /// <summary>Waits until the engine reports a change that satisfies <paramref name="condition"/>.</summary>
    public async Task WaitForAsync(Func<bool> condition)
    {
        var engine = App.Services.GetRequiredService<Edge.Core.Scenarios.ScenarioEngine>();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cts.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnChanged(object? sender, EventArgs e) => changed.TrySetResult();
            engine.AlertsChanged += OnChanged;
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
                engine.AlertsChanged -= OnChanged;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }
}
