using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Relay.Testing;
using static Microsoft.Playwright.Assertions;

namespace Provisioning.Demo.Tests.Dashboard;

/// <summary>
/// The crisis cell's screen on the real demo town (relay, box on the virtual board, virtual camera, virtual phone line
/// where the municipal police answer and press 1, in one process on free ports), driven in headless Chromium as a
/// person would: sign in through the login form, see the box online, press the reception button at the box, see the
/// alert arrive without reloading, open it and read, in French, what the box did (siren and strobe with their pattern
/// and duration, the camera's preset and real snapshots, the call to the police who press 1 and so take the alert),
/// close it and see the box apply it (its own <c>/status</c>: LED, siren and strobe off), then run a drill from the
/// sites page and see a press during the drill labelled EXERCICE. Every wait is a Playwright auto-waiting expectation
/// or a bounded poll of the box's <c>/status</c>; nothing sleeps.
/// </summary>
[Trait("peer", "chromium")]
public sealed partial class CrisisCellEndToEndTests : IAsyncLifetime
{
    /// <summary>Set to 1 to refresh cloud-relay/docs/alert-page.png from this test: the README's picture is the real demo's alert page.</summary>
    public const string ScreenshotVariable = "RELAY_DOCS_SCREENSHOT";

    private const string ReceptionButton = "comptoir";
    private const string ReceptionScenario = "agression-accueil";
    private const string Siren = "sirene";
    private const string Strobe = "flash";
    private const string Police = "Police municipale";
    private const string ClosingComment = "Situation maîtrisée par la police municipale.";

    private static readonly float s_ui = (float)Bounded.Timeout.TotalMilliseconds;

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private DemoTown _town = null!;
    private HeadlessChromium _browser = null!;
    private HttpClient _box = null!;

    private static DemoOptions FreePorts => new() { DashboardPort = 0, MqttPort = 0, MqttTlsPort = 0, BoxApiPort = 0, CameraPort = 0, PhonePort = 0 };

    public async ValueTask InitializeAsync()
    {
        SetDefaultExpectTimeout(s_ui);
        _town = await DemoTown.StartAsync(FreePorts, TestContext.Current.CancellationToken);
        Step("demo town started");
        _box = new HttpClient { BaseAddress = _town.BoxApiUri, Timeout = Bounded.Timeout };
        _browser = await HeadlessChromium.LaunchAsync(_town.DashboardUri);
        Step("chromium launched");
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _box?.Dispose();
        if (_town is not null)
        {
            await _town.DisposeAsync();
        }
    }

    [Fact]
    public async Task CrisisCell_SignsIn_SeesThePressLive_ReadsWhatTheBoxDid_ClosesItUpToTheBox_AndRunsADrill()
    {
        var page = _browser.Page;
        var device = $"{_town.Site}/{_town.Device}";

        // 1. Sign in through the login page, typing like a person.
        await page.GotoAsync(_town.DashboardUri.ToString());
        await Expect(page).ToHaveURLAsync(LoginUrl());
        await Expect(page.Locator("h1")).ToHaveTextAsync("Connexion");
        await page.GetByLabel("Identifiant").PressSequentiallyAsync(DemoTown.AdminUser);
        await page.GetByLabel("Mot de passe").PressSequentiallyAsync(_town.AdminPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-testid=feed-state]")).ToHaveAttributeAsync("data-live", "true");
        await Expect(page.Locator("#tools")).ToContainTextAsync(DemoTown.AdminUser);

        Step("signed in");

        // 2. Sites page: the demo box is online (its status message, or at worst its first heartbeat).
        await Nav(page, "Sites").ClickAsync();
        var card = page.Locator($".site-card[data-site='{_town.Site}']");
        await Expect(card.Locator("h2")).ToContainTextAsync(_town.SiteName);
        var boxRow = card.Locator($"tr[data-device='{device}']");
        await Expect(boxRow).ToHaveAttributeAsync("data-state", "online", new() { Timeout = s_ui });
        await Expect(boxRow.Locator("[data-state=online]")).ToHaveTextAsync("En ligne");
        await Expect(boxRow).ToContainTextAsync("carte virtuelle");

        Step("box online");

        // 3. Alerts page open; the reception button is pressed at the box; the alert shows up by itself (SSE).
        await Nav(page, "Alertes").ClickAsync();
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Alertes");
        await Expect(page.Locator("main .empty")).ToHaveTextAsync("Aucune alerte.");
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        await PressAsync(ReceptionButton);
        var row = page.Locator("tr.alert-row");
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToHaveAttributeAsync("data-drill", "false");
        await Expect(row).ToContainTextAsync(_town.SiteName);
        await Expect(row).ToContainTextAsync(ReceptionButton);
        await Expect(row).ToContainTextAsync(ReceptionScenario);
        await Expect(row.Locator(".badge.sev-critical")).ToHaveTextAsync("Critique");
        await Expect(row.Locator("[data-status=open]")).ToHaveTextAsync("En cours");
        await Expect(row.Locator("[data-testid=drill-badge]")).ToHaveCountAsync(0);
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page reloaded to show the alert");
        var alertId = await row.GetAttributeAsync("data-alert-id");
        Assert.False(string.IsNullOrEmpty(alertId));
        var atBox = await BoxStatusAsync();
        Assert.NotNull(Alert(atBox, alertId));

        Step("alert in the list");

        // 4. The alert page: what the real box did, in French, from its events' structured fields (never its English
        //    detail): siren and strobe with pattern and duration, the camera's preset and snapshots, the call to the police,
        //    who press 1 about 5 s after the press (the virtual line rings 2 s, then waits 3 s into the message).
        await row.ClickAsync();
        await Expect(page).ToHaveURLAsync(AlertUrl(alertId));
        await Expect(page.Locator("[data-testid=alert-head] h1")).ToHaveTextAsync($"Alerte — {_town.SiteName}");
        var timeline = page.Locator("[data-testid=timeline]");
        await Expect(timeline.Locator("li[data-kind=raised]")).ToContainTextAsync(
            $"Alerte déclenchée : bouton {ReceptionButton} (appui simple), scénario « Agression à l'accueil »");
        await Expect(Entry(timeline, "action-succeeded", "siren")).ToContainTextAsync("Sirène en marche pour 3 min (mode intermittent)");
        await Expect(Entry(timeline, "action-succeeded", "strobe")).ToContainTextAsync("Flash lumineux en marche pour 15 min (mode continu)");
        await Expect(Entry(timeline, "action-progress", "camera")).ToContainTextAsync("Caméra : préréglage « P001 » atteint");
        await Expect(timeline.Locator("li[data-kind=snapshot-taken]")).ToHaveCountAsync(3);
        await Expect(Entry(timeline, "action-succeeded", "camera")).ToContainTextAsync("Caméra : 3 images prises (préréglage « P001 »)");

        var police = $"Appel 1 — {Police} (sip:police@127.0.0.1:{_town.PhonePort})";
        await Expect(CallStep(timeline, "calling")).ToContainTextAsync($"{police} : appel lancé");
        await Expect(CallStep(timeline, "ringing").First).ToContainTextAsync($"{police} : sonne");
        await Expect(CallStep(timeline, "answered")).ToContainTextAsync($"{police} : décroché");
        await Expect(CallStep(timeline, "acknowledged")).ToContainTextAsync($"{police} : a appuyé sur 1 : alerte prise en compte");
        await Expect(timeline.Locator("li[data-kind=acknowledged]")).ToContainTextAsync($"Prise en compte au téléphone par {Police} : touche 1 à l’appel 1");
        await Expect(Entry(timeline, "action-succeeded", "call")).ToContainTextAsync($"Appels : alerte prise en compte par {Police} à l’appel 1");
        await Expect(page.Locator("[data-testid=alert-head]")).ToContainTextAsync($"Prise en compte par {Police} (par téléphone) à");
        await Expect(page.Locator("[data-testid=alert-head] .status-acknowledged")).ToHaveTextAsync("Prise en compte");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Prendre en compte", Exact = true })).ToBeDisabledAsync();

        // Everything the box did is known to the dashboard: none of the box's own (English) words is needed.
        await Expect(timeline.Locator("[data-testid=box-words]")).ToHaveCountAsync(0);
        await Expect(timeline).Not.ToContainTextAsync(BoxEnglish());
        await SnapshotsShownAsync(page, alertId);

        atBox = await WaitForBoxAsync("the alert acknowledged by the police, LED acknowledged, siren off", status =>
            Alert(status, alertId) is { } a && Text(a, "state") == "acknowledged" && Text(a, "acknowledgedBy") == $"{Police} (phone)" &&
            Text(status, "led") == "acknowledged" && IsStopped(Output(status, Siren)));
        Assert.Equal("steady", Text(Output(atBox, Strobe)!.Value, "pattern")); // the strobe has stopOnAcknowledge: false

        Step("timeline in French, 3 snapshots, the police took the alert by phone");

        // 5. Closed with a comment from the page: the relay records it, the box clears the alert (the strobe stops, the
        //    same button can raise a new alert), and the crisis cell's action comes before the box's answer to it.
        await page.GetByRole(AriaRole.Button, new() { Name = "Clôturer…", Exact = true }).ClickAsync();
        await page.GetByLabel("Comment l’alerte s’est-elle terminée ? (obligatoire)").PressSequentiallyAsync(ClosingComment);
        await page.GetByRole(AriaRole.Button, new() { Name = "Clôturer et lever l’alerte sur le boîtier", Exact = true }).ClickAsync();
        await Expect(page.Locator("[data-testid=alert-head] [data-status=closed]")).ToHaveTextAsync("Clôturée");
        var closure = timeline.Locator("li[data-kind=cell-close]");
        await Expect(closure).ToContainTextAsync($"Clôture par {DemoTown.AdminUser}");
        await Expect(closure).ToContainTextAsync($"« {ClosingComment} »");
        await Expect(closure.Locator("[data-command-status]")).ToHaveAttributeAsync("data-command-status", "applied");
        await Expect(closure.Locator("[data-command-status]")).ToHaveTextAsync("Levée de l’alerte — appliquée par le boîtier");
        await Expect(timeline.Locator("li[data-kind=cleared]")).ToContainTextAsync($"Alerte levée sur le boîtier par {DemoTown.AdminUser}");
        await Expect(timeline.Locator("li[data-kind=cell-close] ~ li[data-kind=cleared]")).ToHaveCountAsync(1);
        await WaitForBoxAsync("the alert cleared, LED idle, siren and strobe off", status =>
            Alert(status, alertId) is { } a && Text(a, "state") == "cleared" && Text(status, "led") == "idle" &&
            IsStopped(Output(status, Siren)) && IsStopped(Output(status, Strobe)));
        await Expect(timeline.Locator("[data-testid=box-words]")).ToHaveCountAsync(0);
        await Expect(timeline).Not.ToContainTextAsync(BoxEnglish());
        await SnapshotsShownAsync(page, alertId); // the page was redrawn by the closure: the picture waits for its images
        await SaveScreenshotAsync(page);

        Step("closed, box cleared it");

        // 6. A drill started from the sites page reaches the box; a press meanwhile is labelled EXERCICE.
        await Nav(page, "Sites").ClickAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Démarrer un exercice", Exact = true }).ClickAsync();
        await Expect(page.Locator("dialog")).ToContainTextAsync($"Démarrer un exercice sur tous les boîtiers du site {_town.Site} ?");
        await page.Locator("[data-testid=dialog-confirm]").ClickAsync();
        var drillOrder = card.Locator("[data-command-status]");
        await Expect(drillOrder).ToHaveAttributeAsync("data-command-status", "applied");
        await Expect(drillOrder).ToHaveTextAsync("Début d’exercice — appliquée par le boîtier");
        await WaitForBoxAsync("drill mode on", status => status.GetProperty("drill").GetBoolean());

        await Nav(page, "Alertes").ClickAsync();
        await Expect(page.Locator("tr.alert-row")).ToHaveCountAsync(1);
        await Expect(page.Locator($"tr[data-alert-id='{alertId}']")).ToContainTextAsync($"✔ {Police} (par téléphone)");
        await PressAsync(ReceptionButton);
        var drillRow = page.Locator("tr.alert-row[data-drill=true]");
        await Expect(drillRow).ToHaveCountAsync(1);
        await Expect(drillRow.Locator("[data-testid=drill-badge]")).ToHaveTextAsync("EXERCICE");
        await Expect(drillRow).ToContainTextAsync(ReceptionButton);
        await Expect(page.Locator($"tr[data-alert-id='{alertId}'] [data-testid=drill-badge]")).ToHaveCountAsync(0);
        var drillId = await drillRow.GetAttributeAsync("data-alert-id");
        Assert.NotEqual(alertId, drillId);
        Assert.True(Alert(await BoxStatusAsync(), drillId)?.GetProperty("drill").GetBoolean(), "the box did not raise the press as a drill");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "demo-alerts-page.png"), FullPage = true });
        Step("drill applied, drill press labelled EXERCICE");
    }

    /// <summary>Where the time goes, in the test's output: a slow step is the first thing to look at when this test fails.</summary>
    private void Step(string what) => TestContext.Current.TestOutputHelper?.WriteLine($"{_clock.Elapsed.TotalSeconds,6:F1} s  {what}");

    /// <summary>The timeline's entries of one kind for one action of the box (siren, strobe, camera, call).</summary>
    private static ILocator Entry(ILocator timeline, string kind, string action) => timeline.Locator($"li[data-kind={kind}][data-action={action}]");

    /// <summary>The steps of the calls that ended with, or reached, one outcome (calling, ringing, answered, acknowledged…).</summary>
    private static ILocator CallStep(ILocator timeline, string outcome) => timeline.Locator($"li[data-kind=action-progress][data-action=call][data-outcome={outcome}]");

    /// <summary>A link of the dashboard's menu, by its French name.</summary>
    private static ILocator Nav(IPage page, string name) => page.Locator("nav").GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    /// <summary>The three snapshots of the alert are in its timeline as images served by the relay, loaded and decoded.</summary>
    private static Task SnapshotsShownAsync(IPage page, string alertId) =>
        page.WaitForFunctionAsync(
            """
            prefix => {
              const images = [...document.querySelectorAll('[data-testid=timeline] img')].filter(i => i.getAttribute('src')?.startsWith(prefix));
              return images.length === 3 && images.every(i => i.complete && i.naturalWidth > 0);
            }
            """,
            $"/api/alerts/{alertId}/snapshots/",
            new() { Timeout = s_ui, PollingInterval = 100 });

    private async Task PressAsync(string button)
    {
        using var response = await _box.PostAsync(new Uri($"virtual/buttons/{button}/press?holdMs=200", UriKind.Relative), null, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private async Task<JsonElement> BoxStatusAsync() =>
        await _box.GetFromJsonAsync<JsonElement>(new Uri("status", UriKind.Relative), TestContext.Current.CancellationToken);

    /// <summary>Reads the box's <c>/status</c> every 100 ms until it shows what is expected, for at most <see cref="Bounded.Timeout"/>.</summary>
    private async Task<JsonElement> WaitForBoxAsync(string what, Func<JsonElement, bool> done)
    {
        using var bounded = Bounded.Token();
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        JsonElement last = default;
        try
        {
            do
            {
                last = await _box.GetFromJsonAsync<JsonElement>(new Uri("status", UriKind.Relative), bounded.Token);
                if (done(last))
                {
                    return last;
                }
            }
            while (await poll.WaitForNextTickAsync(bounded.Token));
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"The box's /status did not show {what} within {Bounded.Timeout.TotalSeconds} s. Last: {last}");
    }

    private static JsonElement? Alert(JsonElement status, string? alertId) =>
        status.GetProperty("alerts").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(a => Text(a!.Value, "id") == alertId);

    private static JsonElement? Output(JsonElement status, string id) =>
        status.GetProperty("outputs").EnumerateArray().Cast<JsonElement?>().FirstOrDefault(o => Text(o!.Value, "id") == id);

    /// <summary>A string property, or null when absent (the box's local API leaves null values out).</summary>
    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>An output that is off and plays no pattern (a pulsed siren is also off between two pulses).</summary>
    private static bool IsStopped(JsonElement? output) =>
        output is { } o && !o.GetProperty("on").GetBoolean() && Text(o, "pattern") is null;

    private static async Task SaveScreenshotAsync(IPage page)
    {
        var bytes = await page.ScreenshotAsync(new PageScreenshotOptions { FullPage = true });
        await File.WriteAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "demo-alert-page.png"), bytes, TestContext.Current.CancellationToken);
        if (Environment.GetEnvironmentVariable(ScreenshotVariable) == "1")
        {
            var docs = Path.Combine(RepositoryRoot(), "cloud-relay", "docs");
            Directory.CreateDirectory(docs);
            await File.WriteAllBytesAsync(Path.Combine(docs, "alert-page.png"), bytes, TestContext.Current.CancellationToken);
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Edge.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("Edge.sln not found above the test binaries.");
    }

    private static Regex AlertUrl(string alertId) => new($"#/alerts/{Regex.Escape(alertId)}$");

    [GeneratedRegex("/login")]
    private static partial Regex LoginUrl();

    /// <summary>Words of the box's English details (its fallback for logs), which the French timeline must not show. Run by
    /// the browser, where \b knows ASCII letters only: "(phone)" is matched with its brackets, "phone" alone would be
    /// found in "téléphone".</summary>
    [GeneratedRegex(@"\b(siren|strobe|snapshots?|preset|reached|calling|ringing|answered|acknowledged|pressed|pulsed|steady|attempt|round|single)\b|\(phone\)")]
    private static partial Regex BoxEnglish();
}
