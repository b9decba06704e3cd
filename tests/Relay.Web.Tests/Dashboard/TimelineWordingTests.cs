using System.Text.Json;
using Relay.Testing;

namespace Relay.Web.Tests.Dashboard;

/// <summary>
/// The timeline's wording, one event at a time: the dashboard's own modules (<c>events.js</c>, <c>timeline.js</c>)
/// loaded in headless Chromium from the relay that serves them, fed the events a real box sends (kinds, actions and
/// data as edge/README.md and the box's code fill them, with the box's English details), and read back in French and
/// English. The dashboard has no JavaScript test runner (no build step, nothing to install): the browser is the
/// runner. Each French text must say what the box did without the box's words, but for reasons only the box, a
/// camera or a SIP server can give, which come back apart as "words". Also checks how the crisis cell's actions and
/// the box's events interleave when the two clocks disagree.
/// </summary>
[Trait("peer", "chromium")]
public sealed class TimelineWordingTests : IAsyncLifetime
{
    private RunningRelay _relay = null!;
    private HeadlessChromium _browser = null!;

    /// <summary>A story's worth of events (seq order) and what each must read. Some texts need the others: which
    /// preset could not be reached, who acknowledged before the calls stopped.</summary>
    private static readonly IReadOnlyList<WordingCase> s_cases =
    [
        Case("""{"seq":1,"kind":"raised","button":"comptoir","gesture":"single","scenario":"agression-accueil","detail":"Agression à l'accueil"}""",
            "Alerte déclenchée : bouton comptoir (appui simple), scénario « Agression à l'accueil »",
            "Alert raised: button comptoir (single press), scenario “Agression à l'accueil”"),
        Case("""{"seq":2,"kind":"action-succeeded","action":"siren","detail":"sirene on (pulsed) for 180 s","data":{"output":"sirene","pattern":"pulsed","durationSeconds":"180"}}""",
            "Sirène en marche pour 3 min (mode intermittent)",
            "Siren on for 3 min (pulsed)"),
        Case("""{"seq":3,"kind":"action-succeeded","action":"strobe","data":{"output":"flash","pattern":"steady","durationSeconds":"900"}}""",
            "Flash lumineux en marche pour 15 min (mode continu)",
            "Strobe on for 15 min (steady)"),
        Case("""{"seq":4,"kind":"action-started","action":"call"}""",
            "Appels : démarrage",
            "Calls: starting"),
        Case("""{"seq":5,"kind":"action-progress","action":"call","detail":"calling Police municipale (sip:police@pbx) attempt 1/1, round 1/2","data":{"contact":"police","name":"Police municipale","uri":"sip:police@pbx","round":"1","attempt":"1","call":"1","outcome":"calling"}}""",
            "Appel 1 — Police municipale (sip:police@pbx) : appel lancé",
            "Call 1 — Police municipale (sip:police@pbx): call placed"),
        Case("""{"seq":6,"kind":"action-progress","action":"call","detail":"","data":{"contact":"police","name":"Police municipale","uri":"sip:police@pbx","round":"1","attempt":"1","call":"1","outcome":"ringing","status":"180"}}""",
            "Appel 1 — Police municipale (sip:police@pbx) : sonne",
            "Call 1 — Police municipale (sip:police@pbx): ringing"),
        Case("""{"seq":7,"kind":"action-progress","action":"call","detail":"Police municipale: no answer within 20 s","data":{"contact":"police","name":"Police municipale","uri":"sip:police@pbx","round":"1","attempt":"1","call":"1","outcome":"no-answer"}}""",
            "Appel 1 — Police municipale (sip:police@pbx) : pas de réponse en 20 s",
            "Call 1 — Police municipale (sip:police@pbx): no answer within 20 s"),
        Case("""{"seq":8,"kind":"action-progress","action":"call","detail":"","data":{"contact":"police","name":"Police municipale","uri":"sip:police@pbx","round":"2","attempt":"1","call":"2","outcome":"busy","status":"486"}}""",
            "Appel 2 (tour 2) — Police municipale (sip:police@pbx) : occupé (486)",
            "Call 2 (round 2) — Police municipale (sip:police@pbx): busy (486)"),
        Case("""{"seq":9,"kind":"action-progress","action":"call","detail":"Police municipale: unreachable: connection refused (127.0.0.1:5060)","data":{"contact":"police","name":"Police municipale","uri":"sip:police@pbx","round":"1","attempt":"2","call":"3","outcome":"unreachable"}}""",
            "Appel 3 (tentative 2) — Police municipale (sip:police@pbx) : injoignable",
            "Call 3 (attempt 2) — Police municipale (sip:police@pbx): unreachable",
            words: "connection refused (127.0.0.1:5060)"),
        Case("""{"seq":10,"kind":"action-progress","action":"call","detail":"Police municipale: answered, then hung up without acknowledging","data":{"contact":"police","name":"Police municipale","uri":"sip:police@pbx","round":"1","attempt":"1","call":"1","outcome":"hung-up","digits":"23"}}""",
            "Appel 1 — Police municipale (sip:police@pbx) : a raccroché sans prendre l’alerte (touches reçues : 23)",
            "Call 1 — Police municipale (sip:police@pbx): hung up without taking the alert (digits received: 23)"),
        Case("""{"seq":11,"kind":"action-progress","action":"call","detail":"","data":{"contact":"police","name":"Police municipale","uri":"sip:police@pbx","round":"1","attempt":"1","call":"1","outcome":"acknowledged","status":"200","digit":"1"}}""",
            "Appel 1 — Police municipale (sip:police@pbx) : a appuyé sur 1 : alerte prise en compte",
            "Call 1 — Police municipale (sip:police@pbx): pressed 1: alert acknowledged"),
        Case("""{"seq":12,"kind":"acknowledged","detail":"acknowledged by Police municipale (phone)","data":{"contact":"police","name":"Police municipale","call":"1","digit":"1","by":"Police municipale (phone)"}}""",
            "Prise en compte au téléphone par Police municipale : touche 1 à l’appel 1",
            "Acknowledged by phone by Police municipale: digit 1 on call 1"),
        Case("""{"seq":13,"kind":"action-succeeded","action":"call","detail":"acknowledged by Police municipale on attempt 1","data":{"contact":"police","name":"Police municipale","call":"1","digit":"1"}}""",
            "Appels : alerte prise en compte par Police municipale à l’appel 1",
            "Calls: alert acknowledged by Police municipale on call 1"),
        Case("""{"seq":14,"kind":"action-progress","action":"camera","detail":"preset P001 reached","data":{"camera":"hall-ptz","preset":"P001","token":"1","settle":"idle"}}""",
            "Caméra : préréglage « P001 » atteint",
            "Camera: preset “P001” reached"),
        Case("""{"seq":15,"kind":"action-progress","action":"camera","detail":"preset P001 ordered; the camera was still moving after 2000 ms, snapshots taken anyway","data":{"camera":"hall-ptz","preset":"P001","token":"1","settle":"still-moving"}}""",
            "Caméra : préréglage « P001 » demandé, caméra toujours en mouvement au bout de 2 s ; images prises quand même",
            "Camera: preset “P001” ordered, camera still moving after 2 s; images taken anyway"),
        Case("""{"seq":16,"kind":"action-progress","action":"camera","detail":"preset Accueil not reached: No preset named 'Accueil'","data":{"camera":"hall-ptz","preset":"Accueil","outcome":"failed"}}""",
            "Caméra : n’a pas pu tourner vers le préréglage « Accueil »",
            "Camera: could not turn to preset “Accueil”",
            words: "No preset named 'Accueil'"),
        Case("""{"seq":17,"kind":"action-failed","action":"camera","detail":"3 snapshots taken, but the camera did not turn to preset Accueil: No preset named 'Accueil'"}""",
            "Caméra : 3 images prises, mais elle n’a pas pu tourner vers le préréglage « Accueil » : les images peuvent ne pas montrer la scène",
            "Camera: 3 images taken, but it could not turn to preset “Accueil”: the images may not show the scene"),
        Case("""{"seq":18,"kind":"action-succeeded","action":"camera","detail":"3 snapshots","data":{"camera":"hall-ptz","snapshots":"3","preset":"P001","clockOffsetSeconds":"0"}}""",
            "Caméra : 3 images prises (préréglage « P001 »)",
            "Camera: 3 images taken (preset “P001”)"),
        Case("""{"seq":19,"kind":"snapshot-taken","snapshotIndex":1,"data":{"bytes":"5400"}}""",
            "Image 1 prise (5,3 Ko)",
            "Image 1 taken (5.3 KB)"),
        Case("""{"seq":20,"kind":"action-failed","action":"call","detail":"nobody acknowledged after 4 calls"}""",
            "Appels : personne n’a pris l’alerte après 4 appels",
            "Calls: nobody took the alert after 4 calls"),
        Case("""{"seq":21,"kind":"pressed-again","button":"comptoir","gesture":"single"}""",
            "Bouton comptoir de nouveau appuyé (appui simple) : même alerte",
            "Button comptoir pressed again (single press): same alert"),
        Case("""{"seq":22,"kind":"false-alarm","detail":"cancelled with a long press (3000 ms) on comptoir: false alarm","data":{"by":"cancel gesture"}}""",
            "Fausse alerte : annulée sur place par le geste d’annulation (bouton comptoir)",
            "False alarm: cancelled on site with the cancel gesture (button comptoir)"),
        Case("""{"seq":23,"kind":"siren-silenced","data":{"by":"admin"}}""",
            "Coupure de la sirène par admin, confirmée par le boîtier",
            "Siren silenced by admin, confirmed by the box"),
        Case("""{"seq":24,"kind":"cleared","data":{"by":"box"},"detail":"cleared by the box after 30 min without an end from the crisis cell"}""",
            "Alerte levée par le boîtier lui-même au bout de 30 min, sans fin donnée par la cellule de crise",
            "Alert cleared by the box itself after 30 min, without an end from the crisis cell"),
        Case("""{"seq":25,"kind":"cleared","data":{"by":"admin"}}""",
            "Alerte levée sur le boîtier par admin",
            "Alert cleared on the box by admin"),
        Case("""{"seq":26,"kind":"fault-raised","data":{"code":"wire-cut","subject":"comptoir"},"detail":"button comptoir: open line"}""",
            "Défaut : câble coupé sur le bouton comptoir",
            "Fault: wire cut on button comptoir"),
        Case("""{"seq":27,"kind":"fault-raised","data":{"code":"sip","subject":"accueil-1@pbx"},"detail":"SIP registration of accueil-1@pbx failed: 403 Forbidden; retrying in the background."}""",
            "Défaut : téléphonie, le compte SIP accueil-1@pbx n’est pas enregistré",
            "Fault: telephony, SIP account accueil-1@pbx is not registered",
            words: "SIP registration of accueil-1@pbx failed: 403 Forbidden; retrying in the background."),
        Case("""{"seq":28,"kind":"fault-cleared","data":{"code":"storage","subject":"outbox"},"detail":"storage works again"}""",
            "Défaut résolu : le stockage du boîtier fonctionne de nouveau",
            "Fault cleared: the box's storage works again"),
        Case("""{"seq":29,"kind":"fault-raised","data":{"code":"storage-replaced","subject":"outbox"},"detail":"the outbox file was damaged (x); it was moved to y and a new one started at sequence 5"}""",
            "Défaut : la file d’envoi du boîtier était endommagée ; elle a été mise de côté et une nouvelle a été créée",
            "Fault: the box's outbox was damaged; it was set aside and a new one started",
            words: "the outbox file was damaged (x); it was moved to y and a new one started at sequence 5"),
        Case("""{"seq":30,"kind":"command-applied","detail":"drill mode started by admin"}""",
            "Exercice démarré sur le boîtier, demandé par admin",
            "Drill started on the box, requested by admin"),
        Case("""{"seq":31,"kind":"command-applied","detail":"sirene on for 2000 ms (test by admin)"}""",
            "Test de la sortie sirene : allumée pendant 2 s (demandé par admin)",
            "Test of output sirene: on for 2 s (requested by admin)"),
        Case("""{"seq":32,"kind":"command-applied","detail":"site file from admin applied: 2 buttons, 3 scenarios"}""",
            "Fichier de site envoyé par admin appliqué : 2 bouton(s), 3 scénario(s)",
            "Site file sent by admin applied: 2 button(s), 3 scenario(s)"),
        Case("""{"seq":33,"kind":"command-rejected","detail":"site file refused, the box keeps its current one: line 3: unknown key"}""",
            "Commande refusée par le boîtier",
            "Command refused by the box",
            words: "site file refused, the box keeps its current one: line 3: unknown key"),
        Case("""{"seq":34,"kind":"action-failed","action":"camera","detail":"timed out after 30 s (2 attempts)"}""",
            "Caméra : échec — abandon, pas de résultat en 30 s (2 tentatives)",
            "Camera: failed — given up, no result within 30 s (2 attempts)"),
        Case("""{"seq":35,"kind":"action-failed","action":"siren","detail":"GPIO chip not found"}""",
            "Sirène : échec",
            "Siren: failed",
            words: "GPIO chip not found"),
        Case("""{"seq":36,"kind":"acknowledged","data":{"by":"admin"}}""",
            "Prise en compte par admin (confirmée par le boîtier)",
            "Acknowledged by admin (confirmed by the box)"),
        Case("""{"seq":37,"kind":"action-progress","action":"call","detail":"Police municipale: call cancelled, alert acknowledged by admin","data":{"contact":"police","name":"Police municipale","uri":"sip:police@pbx","round":"1","attempt":"1","call":"2","outcome":"cancelled"}}""",
            "Appel 2 — Police municipale (sip:police@pbx) : appel arrêté, alerte prise en compte par admin",
            "Call 2 — Police municipale (sip:police@pbx): call stopped, alert acknowledged by admin"),
        Case("""{"seq":38,"kind":"action-succeeded","action":"call","data":{"calls":"2","stopped":"alert acknowledged by admin"}}""",
            "Appels arrêtés après 2 appels : alerte prise en compte par admin",
            "Calls stopped after 2 calls: alert acknowledged by admin"),
        Case("""{"seq":39,"kind":"action-progress","action":"call","detail":"contact 'x' is not in phone.contacts","data":{"contact":"x","outcome":"skipped"}}""",
            "Contact « x » non appelé : son adresse est inutilisable",
            "Contact “x” not called: its address is unusable",
            words: "contact 'x' is not in phone.contacts"),
        Case("""{"seq":40,"kind":"action-progress","action":"call","detail":"Police municipale: answered, not acknowledged within 90 s","data":{"contact":"police","name":"Police municipale","uri":"sip:police@pbx","round":"1","attempt":"1","call":"1","outcome":"not-acknowledged"}}""",
            "Appel 1 — Police municipale (sip:police@pbx) : a décroché mais n’a pas pris l’alerte en 1 min 30 s",
            "Call 1 — Police municipale (sip:police@pbx): answered but did not take the alert within 1 min 30 s"),
        Case("""{"seq":41,"kind":"action-progress","action":"call","detail":"Police municipale: failed: 500 Server Error","data":{"contact":"police","name":"Police municipale","uri":"sip:police@pbx","round":"1","attempt":"1","call":"1","outcome":"failed","status":"500"}}""",
            "Appel 1 — Police municipale (sip:police@pbx) : échec de l’appel (500)",
            "Call 1 — Police municipale (sip:police@pbx): call failed (500)"),
        Case("""{"seq":42,"kind":"action-progress","action":"call","detail":"Police municipale: no answer (480 Temporarily Unavailable)","data":{"contact":"police","name":"Police municipale","uri":"sip:police@pbx","round":"1","attempt":"1","call":"1","outcome":"no-answer","status":"480"}}""",
            "Appel 1 — Police municipale (sip:police@pbx) : pas de réponse (480)",
            "Call 1 — Police municipale (sip:police@pbx): no answer (480)")
    ];

    public async ValueTask InitializeAsync()
    {
        _relay = await RunningRelay.StartAsync([]);
        _browser = await HeadlessChromium.LaunchAsync(_relay.Address);
        await _browser.Page.GotoAsync(new Uri(_relay.Address, "/login").ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        await _relay.DisposeAsync();
    }

    [Fact]
    public async Task EveryEventTheBoxSends_ReadsInFrenchAndInEnglish_FromItsFields()
    {
        var events = $"[{string.Join(',', s_cases.Select(c => c.Event))}]";
        var french = await DescribeAsync(events, "fr");
        var english = await DescribeAsync(events, "en");

        var wrong = new List<string>();
        for (var i = 0; i < s_cases.Count; i++)
        {
            var expected = s_cases[i];
            Compare(wrong, expected, "fr text", expected.French, french[i].Text);
            Compare(wrong, expected, "fr words", expected.Words, french[i].Words);
            Compare(wrong, expected, "en text", expected.English, english[i].Text);
            Compare(wrong, expected, "en words", expected.Words, english[i].Words);
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task TheCrisisCellsAction_ComesBeforeTheBoxsAnswer_WhateverTheClocksSay()
    {
        // Box events #1..#3 by the box's clock; the acknowledgement (#2, answering command X) stamped 40 ms before the
        // relay's audit entry of the action that sent X, a drill order answered by nothing, an action after all.
        var order = await _browser.Page.EvaluateAsync<string>(
            """
            async () => {
              const { interleave } = await import('/assets/js/timeline.js');
              const box = (seq, ms, commandId) => ({ offsetMs: ms, box: { event: { seq, commandId } } });
              const cell = (name, ms, ids) => ({ offsetMs: ms, cell: { name, commands: ids.map((commandId) => ({ commandId })) } });
              const entries = interleave(
                [box(1, 0), box(2, 4300, 'X'), box(3, 4350)],
                [cell('early', 100, []), cell('acknowledge', 4340, ['X']), cell('late', 9000, ['Y'])]);
              return entries.map((e) => (e.box ? `#${e.box.event.seq}` : e.cell.name)).join(' ');
            }
            """);
        Assert.Equal("#1 early acknowledge #2 #3 late", order);
    }

    private static WordingCase Case(string @event, string french, string english, string? words = null) => new(@event, french, english, words);

    private static void Compare(List<string> wrong, WordingCase @case, string what, string? expected, string? actual)
    {
        if (expected != actual)
        {
            wrong.Add($"{what} of {@case.Event}:{Environment.NewLine}  expected: {expected ?? "(none)"}{Environment.NewLine}  actual:   {actual ?? "(none)"}");
        }
    }

    private async Task<IReadOnlyList<Described>> DescribeAsync(string events, string language)
    {
        var json = await _browser.Page.EvaluateAsync<JsonElement>(
            """
            async ([json, language]) => {
              const events = JSON.parse(json);
              const i18n = await import('/assets/js/i18n.js');
              const { describe } = await import('/assets/js/events.js');
              const before = i18n.currentLanguage();
              i18n.setLanguage(language);
              try {
                return events.map((e) => { const d = describe(e, events); return { text: d.text, words: d.words ?? null }; });
              } finally {
                i18n.setLanguage(before);
              }
            }
            """,
            new object[] { events, language });
        return [.. json.EnumerateArray().Select(d => new Described(d.GetProperty("text").GetString(), d.GetProperty("words").GetString()))];
    }

    private sealed record WordingCase(string Event, string French, string English, string? Words);

    private sealed record Described(string? Text, string? Words);
}
