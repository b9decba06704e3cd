using System.Net.Http.Json;
using System.Text.Json;
using Edge.Testing.Processes;

namespace Edge.Worker.Tests.Hosting;

/// <summary>The box as a real process: killed without warning, and started with a broken site file.</summary>
public sealed class ProcessTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("edge-process-").FullName;

    private static string WorkerDll => Path.Combine(AppContext.BaseDirectory, "Edge.Worker.dll");

    [Fact]
    public async Task SigKill_AfterPresses_LosesNoAlert_AndTheSequenceContinuesAfterRestart()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = FreePort();
        long seqBeforeKill;

        await using (var box = StartBox(port))
        {
            using var http = await ConnectAsync(box, port);
            foreach (var button in new[] { "comptoir", "etat-civil", "exercice" })
            {
                (await http.PostAsync($"/virtual/buttons/{button}/press?holdMs=100", null, ct)).EnsureSuccessStatusCode();
            }

            // Accepted = in the outbox: wait until all three alerts and their actions are there (comptoir: raised,
            // siren, strobe; etat-civil: raised; exercice: raised, siren).
            seqBeforeKill = await WaitForAsync(http, s => s.GetProperty("alerts").GetArrayLength() == 3 && Outbox(s).GetProperty("lastSeq").GetInt64() == 6, ct);
            await box.KillAsync();
        }

        await using var restarted = StartBox(port);
        using var again = await ConnectAsync(restarted, port);
        var status = await again.GetFromJsonAsync<JsonElement>("/status", ct);
        Assert.Equal(seqBeforeKill, Outbox(status).GetProperty("lastSeq").GetInt64());
        Assert.Equal(seqBeforeKill, Outbox(status).GetProperty("pendingEvents").GetInt64());

        (await again.PostAsync("/virtual/buttons/pedale/press?holdMs=100", null, ct)).EnsureSuccessStatusCode();
        var after = await WaitForAsync(again, s => Outbox(s).GetProperty("lastSeq").GetInt64() > seqBeforeKill, ct);
        Assert.Equal(seqBeforeKill + 1, after);
    }

    [Fact]
    public async Task BrokenSiteFile_ExitsWithCode78_AndSaysWhereAndWhy()
    {
        var site = Path.Combine(_dir, "site.yaml");
        var text = await File.ReadAllTextAsync(RunningEdge.ExampleSite, TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(site, text.Replace("pin: 27 ", "pin: 17 ", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        await using var box = ChildProcess.Start("dotnet", [WorkerDll, $"--Edge:SiteFile={site}", $"--Edge:DataDirectory={_dir}", "--Edge:LocalApiUrl=http://127.0.0.1:0"]);
        var line = await box.WaitForLineAsync(l => l.Contains("site.yaml:", StringComparison.Ordinal), TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var exitCode = await box.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(78, exitCode);
        Assert.Contains("site.yaml:", line, StringComparison.Ordinal);
        Assert.Contains("GPIO 17 is already used by button 'comptoir'", line, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonElement Outbox(JsonElement status) => status.GetProperty("outbox");

    private ChildProcess StartBox(int port) =>
        ChildProcess.Start("dotnet", [WorkerDll, $"--Edge:SiteFile={RunningEdge.HallOnlySite}", $"--Edge:DataDirectory={_dir}", $"--Edge:LocalApiUrl=http://127.0.0.1:{port}"]);

    private static async Task<HttpClient> ConnectAsync(ChildProcess box, int port)
    {
        await box.WaitForLineAsync(l => l.Contains("Application started", StringComparison.Ordinal), TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        return new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
    }

    /// <summary>Reads /status until <paramref name="done"/> holds (bounded); returns the last sequence number.</summary>
    private static async Task<long> WaitForAsync(HttpClient http, Func<JsonElement, bool> done, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(TimeSpan.FromSeconds(30));

        // The child is another process: there is no in-process signal to await, so its API is polled, bounded.
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        JsonElement status;
        do
        {
            status = await http.GetFromJsonAsync<JsonElement>("/status", cts.Token);
            if (done(status))
            {
                return Outbox(status).GetProperty("lastSeq").GetInt64();
            }
        }
        while (await poll.WaitForNextTickAsync(cts.Token));
        throw new TimeoutException(status.ToString());
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
