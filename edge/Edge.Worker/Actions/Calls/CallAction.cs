using System.Collections.Concurrent;
using Edge.Core.Alerts;
using Edge.Core.Configuration.Model;
using Edge.Core.Scenarios;
using Hardware.Sip.Audio;
using Hardware.Sip.Calls;

namespace Edge.Worker.Actions.Calls;

/// <summary>
/// The phone calls of a scenario: rings the contacts in order with the spoken message until one presses the
/// acknowledge digit, which acknowledges the alert as if the crisis cell had. Not audible in the building (it is a
/// phone call), so it also runs for a silent alarm. It runs beside the siren and never before it: a SIP server that
/// does not answer costs each attempt at most its ring timeout (see <see cref="SitePhone.Timers"/>).
/// </summary>
public sealed partial class CallAction(SiteFile site, SitePhone phone, ILogger<CallAction> logger) : IAlertAction
{
    // Between two repetitions of the message, a breath so that the callee hears where it starts again.
    private static readonly TimeSpan s_pauseBetweenRepetitions = TimeSpan.FromSeconds(1);

    // What a call may take beyond its ring, its conversation and the wait for the final answer after a CANCEL (Timer B,
    // from the phone's timers): the BYE and the writing of its events.
    private static readonly TimeSpan s_slackPerCall = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<Guid, CallEscalation> _running = new();
    private readonly ConcurrentDictionary<string, PcmAudio> _messages = new(StringComparer.Ordinal);

    public string Name => "call";

    public bool IsAudible => false;

    public bool IsImmediate => false;

    public bool AppliesTo(ScenarioConfig scenario) => scenario?.Call is not null;

    /// <summary>
    /// One attempt long enough for the whole escalation (every call ringing out and talking to its maximum): each
    /// call's own ring and talk limits are applied inside the action, and a retry would call everybody again.
    /// </summary>
    public ActionPolicy PolicyFor(ScenarioConfig scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var call = scenario.Call!;
        var calls = call.Rounds * call.Contacts.Count * call.AttemptsPerContact;
        var perCall = TimeSpan.FromSeconds(call.RingTimeoutSeconds + call.MaxCallSeconds) + phone.Timers.TransactionTimeout + s_slackPerCall;
        return new ActionPolicy(perCall * Math.Max(1, calls), 1, TimeSpan.Zero);
    }

    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var alert = context.Alert;
        var settings = alert.Scenario.Call!;
        var request = new CallRequest
        {
            Message = MessageOf(alert.Scenario),
            AcknowledgementDigit = settings.AckDigit,
            RingTimeout = TimeSpan.FromSeconds(settings.RingTimeoutSeconds),
            MaxCallDuration = TimeSpan.FromSeconds(settings.MaxCallSeconds),
            RepeatMessage = true,
            PauseBetweenRepetitions = s_pauseBetweenRepetitions,
        };
        var sip = phone.Get();
        var targets = await TargetsAsync(context, settings, cancellationToken).ConfigureAwait(false);

        using var escalation = new CallEscalation(context, settings, targets, sip, request, cancellationToken);
        _running[alert.Id] = escalation;
        try
        {
            // Checked once registered: a change from now on reaches OnAlertChanged, one before it is seen here.
            if (StopReasonFor(alert) is { } reason)
            {
                escalation.Stop(reason);
            }

            return await escalation.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            _running.TryRemove(new KeyValuePair<Guid, CallEscalation>(alert.Id, escalation));
        }
    }

    public void OnAlertChanged(ActiveAlert alert, AlertChange change)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (change != AlertChange.SirenSilenced && StopReasonFor(alert) is { } reason && _running.TryGetValue(alert.Id, out var escalation))
        {
            escalation.Stop(reason);
        }
    }

    /// <summary>Why nobody needs to be called any more, or null while the alert waits for someone to take it.</summary>
    private static string? StopReasonFor(ActiveAlert alert) => alert.State switch
    {
        AlertState.Acknowledged => $"alert acknowledged by {alert.AcknowledgedBy}",
        AlertState.FalseAlarm => "the alert was cancelled as a false alarm",
        AlertState.Cleared => "the alert was cleared",
        _ => null,
    };

    /// <summary>The scenario's message, read once; a file that cannot be played fails the action with the reader's reason.</summary>
    private PcmAudio MessageOf(ScenarioConfig scenario)
    {
        if (_messages.TryGetValue(scenario.Id, out var cached))
        {
            return cached;
        }

        var path = site.ResolvePath(scenario.Call!.Message);
        try
        {
            return _messages.GetOrAdd(scenario.Id, PcmAudio.LoadWav(path));
        }
        catch (WavFormatException ex)
        {
            throw new ActionFailedException(ex.Message, ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ActionFailedException($"Cannot read WAV file '{path}': {ex.Message}", ex);
        }
    }

    private async Task<IReadOnlyList<CallTarget>> TargetsAsync(ActionContext context, CallActionConfig settings, CancellationToken cancellationToken)
    {
        var targets = new List<CallTarget>();
        foreach (var id in settings.Contacts)
        {
            string problem;
            if (site.Phone?.Contact(id) is not { } contact)
            {
                problem = $"contact '{id}' is not in phone.contacts";
            }
            else
            {
                try
                {
                    targets.Add(new CallTarget(contact, phone.AddressOf(contact)));
                    continue;
                }
                catch (Exception ex) when (ex is FormatException or NotSupportedException)
                {
                    problem = $"{contact.Name} cannot be called: {ex.Message}";
                }
            }

            // One bad entry must not keep the others from being called.
            Log.ContactSkipped(logger, id, problem);
            await context.ProgressAsync(problem, new Dictionary<string, string> { ["contact"] = id, ["outcome"] = "skipped" }, cancellationToken).ConfigureAwait(false);
        }

        return targets.Count > 0 ? targets : throw new ActionFailedException("nobody to call: no contact of the scenario has a usable address.");
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Error, Message = "Contact {Contact} is skipped: {Problem}")]
        public static partial void ContactSkipped(ILogger logger, string contact, string problem);
    }
}
