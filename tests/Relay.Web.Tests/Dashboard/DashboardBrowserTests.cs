using System.Text.RegularExpressions;
using Edge.Contracts.Messages;
using Edge.Contracts.Serialization;
using Edge.Contracts.Topics;
using Microsoft.Playwright;
using MQTTnet.Protocol;
using Relay.Core.Devices;
using Relay.Testing;
using static Microsoft.Playwright.Assertions;

namespace Relay.Web.Tests.Dashboard;

/// <summary>
/// The real dashboard in headless Chromium, fed by a simulated box (an MQTTnet client with its own account, as the
/// edge uplink connects) that sends the events a real box sends (same kinds, actions and data: see edge/README.md,
/// "Scenario actions"): the crisis cell signs in, sees the box come online, sees the alert arrive without reloading,
/// opens it (snapshot, and a timeline worded in French from the events' fields: siren, a camera still moving, a press
/// again, calls unanswered and busy), acknowledges it while the box is still calling (the box receives the command
/// and answers; the page shows it applied, the action before the box's answer, and the calls stopped), then runs a
/// drill, sees EXERCICE, and reads the timeline in English. Every wait is one of Playwright's auto-waiting
/// expectations or a message the box receives; nothing sleeps. The screenshot of the alert page goes to the test's
/// output folder only: the README's picture is the real demo's (Provisioning.Demo.Tests, CrisisCellEndToEndTests).
/// </summary>
[Trait("peer", "chromium")]
public sealed partial class DashboardBrowserTests : IAsyncLifetime
{
    private const string Police = "Police municipale (sip:police@pbx.mairie.example)";
    private const string Astreinte = "Astreinte du DGS (sip:0612345678@pbx.mairie.example)";

    private static readonly (DeviceId Id, string Password) s_box = (new DeviceId("mairie-centre", "accueil"), "password-of-accueil");

    private RunningRelay _relay = null!;
    private HeadlessChromium _browser = null!;
    private long _seq;

    public async ValueTask InitializeAsync()
    {
        SetDefaultExpectTimeout((float)Bounded.Timeout.TotalMilliseconds);
        _relay = await RunningRelay.StartAsync([s_box]);
        _browser = await HeadlessChromium.LaunchAsync(_relay.Address);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _relay.DisposeAsync();
    }

    [Fact]
    public async Task CrisisCell_SeesTheBoxOnline_TheAlertLive_ReadsItInFrench_AcknowledgesItWhileTheBoxCalls_AndRunsADrill()
    {
        var page = _browser.Page;

        // Sign in.
        await page.GotoAsync(new Uri(_relay.Address, "/").ToString());
        await Expect(page).ToHaveURLAsync(LoginUrl());
        await page.FillAsync("input[name=user]", RunningRelay.AdminUser);
        await page.FillAsync("input[name=password]", RunningRelay.AdminPassword);
        await page.ClickAsync("button[type=submit]");
        await Expect(page.Locator("[data-testid=feed-state]")).ToHaveAttributeAsync("data-live", "true");
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        // The box comes online.
        await page.ClickAsync("nav a[data-route=sites]");
        await Expect(page.Locator("tr[data-device='mairie-centre/accueil']")).ToHaveAttributeAsync("data-state", "unknown");
        await using var box = _relay.Device(s_box);
        await box.ConnectAndSubscribeAsync();
        await box.PublishAsync(TopicNames.Status(box.Site, box.Device), ContractSerializer.Serialize(new StatusMessage
        {
            Site = box.Site, Device = box.Device, State = DeviceState.Online, At = DateTimeOffset.UtcNow,
            SoftwareVersion = "0.4.0", Board = "real", SiteName = "Hôtel de ville — accueil",
        }), retain: true);
        await PublishHeartbeatAsync(box, drill: false);
        await Expect(page.Locator("tr[data-device='mairie-centre/accueil']")).ToHaveAttributeAsync("data-state", "online");
        await Expect(page.Locator(".site-card[data-site=mairie-centre] h2")).ToContainTextAsync("Hôtel de ville");

        // An alert arrives and shows up in the list by itself.
        await page.ClickAsync("nav a[data-route=alerts]");
        var jpeg = await CameraImageAsync(page);
        var alertId = Guid.CreateVersion7();
        var pressedAt = DateTimeOffset.UtcNow.AddSeconds(-60);
        await PublishAlertAsync(box, alertId, pressedAt, jpeg);
        var row = page.Locator($"tr[data-alert-id='{alertId}']");
        await Expect(row).ToBeVisibleAsync();
        await Expect(row).ToHaveAttributeAsync("data-drill", "false");
        await Expect(row).ToContainTextAsync("Hôtel de ville");
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "the page reloaded");

        // The alert page: facts, snapshot, and the timeline in French from the events' fields.
        await row.ClickAsync();
        await Expect(page.Locator("[data-testid=alert-head] h1")).ToContainTextAsync("Hôtel de ville");
        var snapshot = page.Locator("img[data-snapshot='1']");
        await Expect(snapshot).ToBeVisibleAsync();
        await Expect(snapshot).ToHaveJSPropertyAsync("complete", true);
        Assert.True(await snapshot.EvaluateAsync<int>("img => img.naturalWidth") > 0, "the snapshot did not decode");
        var timeline = page.Locator("[data-testid=timeline]");
        await Expect(timeline.Locator("li[data-kind=raised]")).ToContainTextAsync("Alerte déclenchée : bouton accueil-1 (appui long), scénario « Agression à l'accueil »");
        await Expect(timeline.Locator("li[data-kind=raised] .tl-offset")).ToHaveTextAsync("+0.02 s");
        await Expect(timeline.Locator("li[data-kind=action-succeeded][data-action=siren]")).ToContainTextAsync("Sirène en marche pour 3 min (mode intermittent)");
        await Expect(timeline.Locator("li[data-kind=action-progress][data-action=camera]")).ToContainTextAsync(
            "Caméra : préréglage « comptoir » demandé, caméra toujours en mouvement au bout de 2 s ; images prises quand même");
        await Expect(timeline.Locator("li[data-kind=action-succeeded][data-action=camera]")).ToContainTextAsync("Caméra : 1 image prise (préréglage « comptoir »)");
        await Expect(timeline.Locator("li[data-kind=pressed-again]")).ToContainTextAsync("Bouton accueil-1 de nouveau appuyé (appui long) : même alerte");
        await Expect(CallStep(timeline, "no-answer")).ToContainTextAsync($"Appel 1 — {Police} : pas de réponse en 20 s");
        await Expect(CallStep(timeline, "busy")).ToContainTextAsync($"Appel 2 — {Astreinte} : occupé (486)");
        await Expect(CallStep(timeline, "ringing").Last).ToContainTextAsync($"Appel 3 (tour 2) — {Police} : sonne");

        // Acknowledge while the box is still calling: the box receives the command and answers by the book (the
        // acknowledgement carrying the command id, then the call in progress cancelled and the calls stopped). Its
        // clock is 40 ms behind the relay's: the crisis cell's action must still come before the box's answer to it.
        await page.ClickAsync("button[data-action=acknowledge]");
        var command = await box.NextCommandAsync();
        Assert.Equal(CommandKind.Acknowledge, command.Kind);
        Assert.Equal(alertId, command.AlertId);
        Assert.Equal(RunningRelay.AdminUser, command.IssuedBy);
        await Expect(timeline.Locator($"[data-command-id='{command.CommandId}']")).ToHaveAttributeAsync("data-command-status", "sent");
        var answeredAt = command.IssuedAt.AddMilliseconds(-40);
        await box.PublishEventAndAwaitReceiptAsync(Event(box, alertId, AlertEventKind.Acknowledged, answeredAt, commandId: command.CommandId,
            data: new() { ["by"] = command.IssuedBy }, detail: $"acknowledged by {command.IssuedBy}"));
        await box.PublishEventAndAwaitReceiptAsync(Event(box, alertId, AlertEventKind.ActionProgress, answeredAt.AddMilliseconds(5), action: "call",
            data: CallData("police", "Police municipale", "sip:police@pbx.mairie.example", round: 2, call: 3, "cancelled"),
            detail: $"Police municipale: call cancelled, alert acknowledged by {command.IssuedBy}"));
        await box.PublishEventAndAwaitReceiptAsync(Event(box, alertId, AlertEventKind.ActionSucceeded, answeredAt.AddMilliseconds(10), action: "call",
            data: new() { ["calls"] = "3", ["stopped"] = $"alert acknowledged by {command.IssuedBy}" },
            detail: $"stopped after 3 calls: alert acknowledged by {command.IssuedBy}"));
        await Expect(timeline.Locator($"[data-command-id='{command.CommandId}']")).ToHaveAttributeAsync("data-command-status", "applied");
        await Expect(timeline.Locator("li[data-kind=acknowledged]")).ToContainTextAsync("Prise en compte par admin (confirmée par le boîtier)");
        await Expect(timeline.Locator("li[data-kind=cell-acknowledge] + li[data-kind=acknowledged]")).ToHaveCountAsync(1);
        await Expect(CallStep(timeline, "cancelled")).ToContainTextAsync($"Appel 3 (tour 2) — {Police} : appel arrêté, alerte prise en compte par admin");
        await Expect(timeline.Locator("li[data-kind=action-succeeded][data-action=call]")).ToContainTextAsync("Appels arrêtés après 3 appels : alerte prise en compte par admin");
        await Expect(page.Locator("button[data-action=acknowledge]")).ToBeDisabledAsync();
        await Expect(timeline.Locator("[data-testid=box-words]")).ToHaveCountAsync(0);
        await Expect(timeline).Not.ToContainTextAsync(BoxEnglish());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "alert-page.png"), FullPage = true });

        // A drill: started from the sites page, applied by the box, and everything raised meanwhile says EXERCICE.
        await page.ClickAsync("nav a[data-route=sites]");
        await page.ClickAsync(".site-card[data-site=mairie-centre] button[data-action=drill-start]");
        await page.ClickAsync("[data-testid=dialog-confirm]");
        var drill = await box.NextCommandAsync();
        Assert.Equal(CommandKind.DrillStart, drill.Kind);
        await box.PublishEventAndAwaitReceiptAsync(new AlertEvent
        {
            Site = box.Site, Device = box.Device, Seq = ++_seq, Kind = AlertEventKind.CommandApplied, At = DateTimeOffset.UtcNow,
            CommandId = drill.CommandId, Detail = $"drill mode started by {drill.IssuedBy}",
        });
        await PublishHeartbeatAsync(box, drill: true);
        var card = page.Locator(".site-card[data-site=mairie-centre]");
        await Expect(card.Locator($"[data-command-id='{drill.CommandId}']")).ToHaveAttributeAsync("data-command-status", "applied");
        await Expect(card.Locator("[data-testid=drill-badge]").First).ToHaveTextAsync("EXERCICE");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "sites-page.png"), FullPage = true });

        await page.ClickAsync("nav a[data-route=alerts]");
        var drillAlert = Guid.CreateVersion7();
        await box.PublishEventAndAwaitReceiptAsync(Event(box, drillAlert, AlertEventKind.Raised, DateTimeOffset.UtcNow, drill: true,
            button: "accueil-1", gesture: "single", scenario: "agression", severity: AlertSeverity.Critical, pressedAt: DateTimeOffset.UtcNow, detail: "Agression à l'accueil"));
        var drillRow = page.Locator($"tr[data-alert-id='{drillAlert}']");
        await Expect(drillRow).ToHaveAttributeAsync("data-drill", "true");
        await Expect(drillRow.Locator("[data-testid=drill-badge]")).ToHaveTextAsync("EXERCICE");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "alerts-page.png"), FullPage = true });
        await Expect(page.Locator($"tr[data-alert-id='{alertId}'] [data-testid=drill-badge]")).ToHaveCountAsync(0);
        await drillRow.ClickAsync();
        await Expect(page.Locator(".drill-banner")).ToContainTextAsync("EXERCICE");

        // English is one click away, the timeline included.
        await page.ClickAsync("[data-testid=language]");
        await Expect(page.Locator(".drill-banner")).ToContainTextAsync("DRILL");
        await page.GotoAsync(new Uri(_relay.Address, $"/#/alerts/{alertId}").ToString());
        await Expect(timeline.Locator("li[data-kind=action-succeeded][data-action=siren]")).ToContainTextAsync("Siren on for 3 min (pulsed)");
        await Expect(CallStep(timeline, "busy")).ToContainTextAsync($"Call 2 — {Astreinte}: busy (486)");
        await Expect(timeline.Locator("li[data-kind=action-succeeded][data-action=call]")).ToContainTextAsync("Calls stopped after 3 calls: alert acknowledged by admin");
        await Expect(timeline.Locator("li[data-kind=acknowledged]")).ToContainTextAsync("Acknowledged by admin (confirmed by the box)");

        // An administrator enrols a new box: the one-time code is shown once, with the fingerprint to check on the box.
        await page.ClickAsync("nav a[data-route=users]");
        await Expect(page.Locator("[data-testid=device-list] tr[data-device='mairie-centre.accueil']")).ToContainTextAsync("password");
        await page.FillAsync("[data-testid=enrol-form] input[name=site]", "ecole-jaures");
        await page.FillAsync("[data-testid=enrol-form] input[name=device]", "loge");
        await page.ClickAsync("[data-testid=enrol-form] button[type=submit]");
        await Expect(page.Locator("[data-testid=enrolment-code]")).ToHaveTextAsync(EnrolmentCode());
        await Expect(page.Locator("[data-testid=enrolment-result]")).ToContainTextAsync("sha256:");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(AppContext.BaseDirectory, "accounts-page.png"), FullPage = true });
    }

    /// <summary>What a real box sends for a press at the reception (ScenarioEngine, SignalAction, CameraAction,
    /// CallEscalation): the structured fields as the box fills them, and its English details (for its logs).</summary>
    private async Task PublishAlertAsync(TestDevice box, Guid alertId, DateTimeOffset pressedAt, byte[] jpeg)
    {
        DateTimeOffset At(double seconds) => pressedAt.AddSeconds(seconds);
        const string PoliceUri = "sip:police@pbx.mairie.example";
        const string AstreinteUri = "sip:0612345678@pbx.mairie.example";
        var events = new[]
        {
            Event(box, alertId, AlertEventKind.Raised, At(0.02), button: "accueil-1", gesture: "long", scenario: "agression", severity: AlertSeverity.Critical, pressedAt: pressedAt, detail: "Agression à l'accueil"),
            Event(box, alertId, AlertEventKind.ActionSucceeded, At(0.03), action: "siren", detail: "sirene on (pulsed) for 180 s",
                data: new() { ["output"] = "sirene", ["pattern"] = "pulsed", ["durationSeconds"] = "180" }),
            Event(box, alertId, AlertEventKind.ActionStarted, At(0.05), action: "camera"),
            Event(box, alertId, AlertEventKind.ActionStarted, At(0.06), action: "call"),
            Event(box, alertId, AlertEventKind.ActionProgress, At(0.1), action: "call", data: CallData("police", "Police municipale", PoliceUri, round: 1, call: 1, "calling"),
                detail: $"calling Police municipale ({PoliceUri}) attempt 1/1, round 1/2"),
            Event(box, alertId, AlertEventKind.ActionProgress, At(0.6), action: "call", data: CallData("police", "Police municipale", PoliceUri, round: 1, call: 1, "ringing", status: "180"),
                detail: "Police municipale: ringing"),
            Event(box, alertId, AlertEventKind.ActionProgress, At(2.1), action: "camera",
                data: new() { ["camera"] = "hall-ptz", ["preset"] = "comptoir", ["token"] = "1", ["settle"] = "still-moving" },
                detail: "preset comptoir ordered; the camera was still moving after 2000 ms, snapshots taken anyway"),
            Event(box, alertId, AlertEventKind.SnapshotTaken, At(2.3), action: "camera", snapshotIndex: 1,
                data: new() { ["bytes"] = jpeg.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) }, detail: "snapshot 1"),
            Event(box, alertId, AlertEventKind.ActionSucceeded, At(2.4), action: "camera", detail: "1 snapshot",
                data: new() { ["camera"] = "hall-ptz", ["snapshots"] = "1", ["preset"] = "comptoir", ["clockOffsetSeconds"] = "0" }),
            Event(box, alertId, AlertEventKind.PressedAgain, At(3.5), button: "accueil-1", gesture: "long", detail: "accueil-1 pressed again"),
            Event(box, alertId, AlertEventKind.ActionProgress, At(20.6), action: "call", data: CallData("police", "Police municipale", PoliceUri, round: 1, call: 1, "no-answer"),
                detail: "Police municipale: no answer within 20 s"),
            Event(box, alertId, AlertEventKind.ActionProgress, At(20.7), action: "call", data: CallData("astreinte", "Astreinte du DGS", AstreinteUri, round: 1, call: 2, "calling"),
                detail: $"calling Astreinte du DGS ({AstreinteUri}) attempt 1/1, round 1/2"),
            Event(box, alertId, AlertEventKind.ActionProgress, At(21.0), action: "call", data: CallData("astreinte", "Astreinte du DGS", AstreinteUri, round: 1, call: 2, "busy", status: "486"),
                detail: "Astreinte du DGS: busy (486 Busy Here)"),
            Event(box, alertId, AlertEventKind.ActionProgress, At(21.1), action: "call", data: CallData("police", "Police municipale", PoliceUri, round: 2, call: 3, "calling"),
                detail: $"calling Police municipale ({PoliceUri}) attempt 1/1, round 2/2"),
            Event(box, alertId, AlertEventKind.ActionProgress, At(21.5), action: "call", data: CallData("police", "Police municipale", PoliceUri, round: 2, call: 3, "ringing", status: "180"),
                detail: "Police municipale: ringing"),
        };
        foreach (var e in events)
        {
            await box.PublishEventAndAwaitReceiptAsync(e);
        }

        await box.PublishAsync(TopicNames.Media(box.Site, box.Device, alertId, 1), jpeg);
        while ((await box.NextReceiptAsync()).Snapshots.Count == 0)
        {
        }
    }

    /// <summary>The data of a call step, as CallEscalation fills it.</summary>
    private static Dictionary<string, string> CallData(string contact, string name, string uri, int round, int call, string outcome, string? status = null)
    {
        var data = new Dictionary<string, string>
        {
            ["contact"] = contact, ["name"] = name, ["uri"] = uri, ["round"] = $"{round}", ["attempt"] = "1", ["call"] = $"{call}", ["outcome"] = outcome,
        };
        if (status is not null)
        {
            data["status"] = status;
        }

        return data;
    }

    /// <summary>The steps of the calls with one outcome (calling, ringing, busy, no-answer, cancelled…).</summary>
    private static ILocator CallStep(ILocator timeline, string outcome) => timeline.Locator($"li[data-kind=action-progress][data-action=call][data-outcome={outcome}]");

    private AlertEvent Event(
        TestDevice box, Guid alertId, AlertEventKind kind, DateTimeOffset at, string? action = null, Dictionary<string, string>? data = null, string? detail = null,
        int? snapshotIndex = null, Guid? commandId = null, bool drill = false, string? button = null, string? gesture = null, string? scenario = null,
        AlertSeverity? severity = null, DateTimeOffset? pressedAt = null) => new()
        {
            Site = box.Site, Device = box.Device, Seq = ++_seq, AlertId = alertId, Kind = kind, At = at, Action = action, Data = data, Detail = detail,
            SnapshotIndex = snapshotIndex, CommandId = commandId, Drill = drill, Button = button, Gesture = gesture, Scenario = scenario,
            Severity = severity, PressedAt = pressedAt,
        };

    private static Task PublishHeartbeatAsync(TestDevice box, bool drill) =>
        box.PublishAsync(TopicNames.Heartbeat(box.Site, box.Device), ContractSerializer.Serialize(new HeartbeatMessage
        {
            Site = box.Site, Device = box.Device, At = DateTimeOffset.UtcNow, UptimeSeconds = 86_400, OutboxDepth = 0, Drill = drill,
        }), qos: MqttQualityOfServiceLevel.AtMostOnce);

    /// <summary>A real JPEG for the snapshot, drawn by the browser itself (a hall with a counter, and the camera's
    /// caption), so that the page shows a decodable image without shipping one.</summary>
    private static async Task<byte[]> CameraImageAsync(IPage page)
    {
        var dataUrl = await page.EvaluateAsync<string>("""
            () => {
              const c = document.createElement('canvas'); c.width = 640; c.height = 360;
              const g = c.getContext('2d');
              const wall = g.createLinearGradient(0, 0, 0, 360); wall.addColorStop(0, '#6b7a8c'); wall.addColorStop(1, '#3a434f');
              g.fillStyle = wall; g.fillRect(0, 0, 640, 360);
              g.fillStyle = '#2b2f36'; g.fillRect(0, 250, 640, 110);
              g.fillStyle = '#8a6a48'; g.fillRect(90, 190, 460, 70); g.fillStyle = '#6e5236'; g.fillRect(90, 250, 460, 12);
              g.fillStyle = '#c9d3de'; g.fillRect(420, 60, 150, 90); g.fillStyle = '#9fb0c2'; g.fillRect(430, 70, 130, 70);
              g.fillStyle = '#1e2228'; g.beginPath(); g.arc(250, 140, 22, 0, Math.PI * 2); g.fill(); g.fillRect(225, 160, 50, 60);
              g.fillStyle = 'rgba(0,0,0,.55)'; g.fillRect(0, 0, 640, 28);
              g.fillStyle = '#fff'; g.font = '16px monospace'; g.fillText('CAM-HALL  comptoir  ' + new Date().toLocaleString('fr-FR'), 10, 19);
              return c.toDataURL('image/jpeg', 0.85);
            }
            """);
        return Convert.FromBase64String(dataUrl[(dataUrl.IndexOf(',', StringComparison.Ordinal) + 1)..]);
    }

    [GeneratedRegex("/login")]
    private static partial Regex LoginUrl();

    [GeneratedRegex("^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$")]
    private static partial Regex EnrolmentCode();

    /// <summary>Words of the box's English details (its fallback for logs), which the French timeline must not show.</summary>
    [GeneratedRegex(@"\b(siren|strobe|snapshots?|preset|reached|ordered|calling|ringing|answered|acknowledged|pressed|pulsed|steady|busy|attempt|round|cancelled|stopped)\b")]
    private static partial Regex BoxEnglish();
}
