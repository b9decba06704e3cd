using System.Globalization;
using Edge.Core.Configuration.Model;
using Edge.Core.Scenarios;
using Hardware.Sip;
using Hardware.Sip.Calls;

namespace Edge.Worker.Actions.Calls;

/// <summary>
/// The phone calls of one alert: the contacts in order, each <c>attemptsPerContact</c> times, the whole list
/// <c>rounds</c> times, until a callee presses the acknowledge digit, or until the alert no longer needs anyone
/// (acknowledged by the crisis cell, false alarm, cleared), which hangs up or cancels the call in progress. Every
/// call and how it ended is an event of the alert, so the crisis cell sees who was called and who took it.
/// </summary>
internal sealed class CallEscalation : IDisposable
{
    private readonly ActionContext _context;
    private readonly CallActionConfig _settings;
    private readonly IReadOnlyList<CallTarget> _targets;
    private readonly SipPhone _phone;
    private readonly CallRequest _request;
    private readonly CancellationToken _engineToken;
    private readonly CancellationTokenSource _stop;
    private readonly object _gate = new();
    private string? _stopReason;
    private bool _disposed;

    /// <param name="cancellationToken">The engine's: its timeout or the box shutting down. Those end the action as failed.</param>
    public CallEscalation(ActionContext context, CallActionConfig settings, IReadOnlyList<CallTarget> targets, SipPhone phone, CallRequest request, CancellationToken cancellationToken)
    {
        _context = context;
        _settings = settings;
        _targets = targets;
        _phone = phone;
        _request = request;
        _engineToken = cancellationToken;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    private string? StopReason => Volatile.Read(ref _stopReason);

    /// <summary>Ends the escalation: no further call, and the one in progress is cancelled or hung up. Does not block.</summary>
    public void Stop(string reason)
    {
        lock (_gate)
        {
            if (_disposed || _stopReason is not null)
            {
                return;
            }

            Volatile.Write(ref _stopReason, reason);
            _stop.Cancel();
        }
    }

    public async Task<ActionResult> RunAsync()
    {
        var calls = 0;
        for (var round = 1; round <= _settings.Rounds; round++)
        {
            foreach (var target in _targets)
            {
                for (var attempt = 1; attempt <= _settings.AttemptsPerContact; attempt++)
                {
                    if (StopReason is { } reason)
                    {
                        return Stopped(reason, calls);
                    }

                    calls++;
                    var data = DataFor(target, round, attempt, calls);
                    var result = await CallAsync(target, data).ConfigureAwait(false);
                    if (result is null)
                    {
                        return Stopped(StopReason!, calls);
                    }

                    if (result.Acknowledged)
                    {
                        // As if the crisis cell had acknowledged: the siren stops (if so configured) and the relay is told.
                        await _context.AcknowledgeAsync($"{target.Name} (phone)", data, _engineToken).ConfigureAwait(false);
                        return new ActionResult($"acknowledged by {target.Name} on attempt {calls}", data);
                    }
                }
            }
        }

        throw new ActionFailedException($"nobody acknowledged after {Count(calls, "call")}");
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
        }

        _stop.Dispose();
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>One call, reported live. Returns null when a stop cancelled it.</summary>
    private async Task<CallResult?> CallAsync(CallTarget target, Dictionary<string, string> data)
    {
        var attempt = $"attempt {data["attempt"]}/{_settings.AttemptsPerContact}" + (_settings.Rounds > 1 ? $", round {data["round"]}/{_settings.Rounds}" : string.Empty);
        await ProgressAsync($"calling {target.Name} ({target.Uri}) {attempt}", data, "calling").ConfigureAwait(false);

        var reporter = new CallStepReporter(step => ReportStepAsync(target, step, data));
        CallResult? result = null;
        try
        {
            result = await _phone.CallAsync(target.Uri, _request, reporter, _stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (StopReason is not null && !_engineToken.IsCancellationRequested)
        {
            // The phone has sent CANCEL (or BYE); what follows is said below.
        }
        finally
        {
            await reporter.FlushAsync().ConfigureAwait(false);
        }

        if (result is null)
        {
            await ProgressAsync($"{target.Name}: call cancelled, {StopReason}", data, "cancelled").ConfigureAwait(false);
            return null;
        }

        var (detail, outcome) = Describe(result);
        if (result.FinalStatusCode is { } status)
        {
            data["status"] = Number(status);
        }

        if (result.Acknowledged)
        {
            data["digit"] = _request.AcknowledgementDigit?.ToString() ?? string.Empty;
        }
        else if (result.DigitsReceived.Length > 0)
        {
            data["digits"] = result.DigitsReceived;
        }

        await ProgressAsync($"{target.Name}: {detail}", data, outcome).ConfigureAwait(false);
        return result;
    }

    private Task ReportStepAsync(CallTarget target, CallStep step, Dictionary<string, string> data)
    {
        // The rest of the SIP exchange is in the log; the crisis cell needs to know it rings and who picked up.
        var what = step.Kind switch
        {
            CallStepKind.Ringing => "ringing",
            CallStepKind.EarlyMedia => "ringing (early media)",
            CallStepKind.Answered => "answered",
            _ => null,
        };
        if (what is null)
        {
            return Task.CompletedTask;
        }

        var stepData = new Dictionary<string, string>(data);
        if (step.StatusCode is { } status)
        {
            stepData["status"] = Number(status);
        }

        return ProgressAsync($"{target.Name}: {what}", stepData, what == "answered" ? "answered" : "ringing");
    }

    private (string Detail, string Outcome) Describe(CallResult result)
    {
        var status = result.FinalStatusCode is { } code ? $"{code} {result.FinalReasonPhrase}".TrimEnd() : null;
        return result switch
        {
            { Acknowledged: true } => ($"acknowledged (pressed {_request.AcknowledgementDigit})", "acknowledged"),
            { Outcome: CallOutcome.Answered, EndReason: CallEndReason.RemoteHangUp } => ("answered, then hung up without acknowledging", "hung-up"),
            { Outcome: CallOutcome.Answered, EndReason: CallEndReason.MediaFailure } => ("answered, but no common audio codec: the message could not be played", "no-audio"),
            { Outcome: CallOutcome.Answered } => ($"answered, not acknowledged within {_settings.MaxCallSeconds} s", "not-acknowledged"),
            { Outcome: CallOutcome.Busy } => ($"busy ({status})", "busy"),
            { Outcome: CallOutcome.Declined } => ($"declined ({status})", "declined"),
            { Outcome: CallOutcome.NoAnswer, FinalStatusCode: 480 or 408 } => ($"no answer ({status})", "no-answer"),
            { Outcome: CallOutcome.NoAnswer } => ($"no answer within {_settings.RingTimeoutSeconds} s", "no-answer"),
            { Outcome: CallOutcome.Unreachable } => ($"unreachable: {result.Failure?.Detail}", "unreachable"),
            _ => ($"failed: {result.Failure?.Detail ?? status}", "failed"),
        };
    }

    private Task ProgressAsync(string detail, Dictionary<string, string> data, string outcome) =>
        _context.ProgressAsync(detail, new Dictionary<string, string>(data) { ["outcome"] = outcome }, _engineToken);

    private ActionResult Stopped(string reason, int calls) => new(
        calls == 0 ? $"no call placed: {reason}" : $"stopped after {Count(calls, "call")}: {reason}",
        new Dictionary<string, string> { ["calls"] = Number(calls), ["stopped"] = reason });

    private static Dictionary<string, string> DataFor(CallTarget target, int round, int attempt, int call) => new()
    {
        ["contact"] = target.Contact.Id,
        ["name"] = target.Name,
        ["uri"] = target.Uri.ToString(),
        ["round"] = Number(round),
        ["attempt"] = Number(attempt),
        ["call"] = Number(call),
    };
}
