using System.Net.Http.Json;
using System.Text.Json;
using Edge.Worker.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Provisioning.Cli.Tests.Support;

namespace Provisioning.Cli.Tests.Device;

/// <summary>
/// The real box, in this process, on the virtual board, started the way its systemd unit starts it plus the settings
/// file enrolment wrote (<c>--Edge:SettingsFile</c>): its uplink comes from that file alone.
/// </summary>
internal sealed class TestBox : IAsyncDisposable
{
    private readonly string _dataDirectory;

    private TestBox(WebApplication app, string dataDirectory, HttpClient http)
    {
        App = app;
        _dataDirectory = dataDirectory;
        Http = http;
    }

    public WebApplication App { get; }

    /// <summary>Its local API (loopback), as an installer on the box uses it.</summary>
    public HttpClient Http { get; }

    public static async Task<TestBox> StartAsync(string siteFile, string settingsFile)
    {
        var data = Directory.CreateTempSubdirectory("provision-box-").FullName;
        string[] args =
        [
            $"--Edge:SiteFile={siteFile}", $"--Edge:SettingsFile={settingsFile}", $"--Edge:DataDirectory={data}",
            $"--Edge:SecretsDirectory={Path.Combine(data, "secrets")}", "--Edge:LocalApiUrl=http://127.0.0.1:0",
        ];
        var app = EdgeApp.Create(args, builder => builder.Logging.ClearProviders());
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new TestBox(app, data, new HttpClient { BaseAddress = new Uri(address), Timeout = Waits.Timeout });
    }

    public async Task<JsonElement> StatusAsync() =>
        await Http.GetFromJsonAsync<JsonElement>("/status", TestContext.Current.CancellationToken);

    public async Task PressAsync(string button)
    {
        using var response = await Http.PostAsync($"/virtual/buttons/{button}/press?holdMs=200", null, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not a test failure.
        }
    }
}
