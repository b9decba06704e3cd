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

    public static string ExampleSite => Path.Combine(AppContext.BaseDirectory, "sites", "mairie-accueil.yaml");

    public static async Task<RunningEdge> StartAsync(string? siteFile = null, TimeProvider? time = null, string? dataDirectory = null)
    {
        dataDirectory ??= Directory.CreateTempSubdirectory("edge-worker-").FullName;
        var app = EdgeApp.Create(
            [$"--Edge:SiteFile={siteFile ?? ExampleSite}", $"--Edge:DataDirectory={dataDirectory}", "--Edge:LocalApiUrl=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning"],
            builder =>
            {
                if (time is not null)
                {
                    builder.Services.AddSingleton(time);
                }
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
