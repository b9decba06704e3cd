using Edge.Core.Configuration.Model;
using Hardware.Sip;
using Hardware.Sip.Calls;
using Provisioning.Cli.Output;
using Spectre.Console;

namespace Provisioning.Cli.Commands.Call;

/// <summary>How a test call's steps and outcome are worded for the installer, with what to check when it failed.</summary>
internal static class CallOutcomes
{
    public static string StepMarkup(CallStepKind kind)
    {
        var (word, color) = kind switch
        {
            CallStepKind.InviteSent => ("calling", "default"),
            CallStepKind.AuthenticationChallenged => ("authenticating", "default"),
            CallStepKind.Trying => ("trying", "default"),
            CallStepKind.Ringing => ("ringing", "yellow"),
            CallStepKind.EarlyMedia => ("early media", "yellow"),
            CallStepKind.Answered => ("answered", "green"),
            CallStepKind.MessagePlayed => ("message played", "default"),
            CallStepKind.DigitReceived => ("DTMF received", "green"),
            CallStepKind.Cancelling => ("cancelling", "yellow"),
            CallStepKind.Rejected => ("rejected", "red"),
            CallStepKind.HungUpByRemote => ("hung up (callee)", "default"),
            CallStepKind.HungUpByUs => ("hung up (us)", "default"),
            CallStepKind.Failed => ("failed", "red"),
            _ => ("ended", "default"),
        };
        return $"[{color}]{Markup.Escape(word.PadRight(16))}[/]";
    }

    /// <summary>Prints the outcome line and its hint; true when the call was answered (exit 0).</summary>
    public static bool Report(CallResult result, SipAccount account, PhoneConfig phone, CallRequest request, CliContext context)
    {
        var output = context.Out;
        var error = context.Error;
        var status = result.FinalStatusCode is { } code ? $"{code} {result.FinalReasonPhrase}".Trim() : null;
        // Measured as the steps are shown: from the first INVITE to the answer.
        var answered = result.Timeline.FirstOrDefault(s => s.Kind == CallStepKind.Answered);
        var answeredAfter = answered is not null && result.Timeline.Count > 0 ? $" after {(answered.At - result.Timeline[0].At).TotalSeconds:0.0} s" : string.Empty;
        if (answered is not null)
        {
            output.WriteNote($"Audio: {result.RtpPacketsSent} RTP packet(s) sent, {result.RtpAudioPacketsReceived} received from the callee; the whole message played {result.MessagePlays} time(s).");
        }

        switch (result.Outcome)
        {
            case CallOutcome.Answered when result.Acknowledged:
                output.WriteSuccess($"answered{answeredAfter} and acknowledged: the callee pressed {request.AcknowledgementDigit}.");
                return true;

            case CallOutcome.Answered when result.EndReason == CallEndReason.MediaFailure:
                error.WriteError(
                    $"answered{answeredAfter}, but the answer had no usable audio: {result.Failure?.Detail ?? "no PCMU/PCMA"}.",
                    "The box speaks G.711 only: allow PCMU or PCMA (G.711 µ-law / A-law) for this account on the PBX.");
                return false;

            case CallOutcome.Answered when request.AcknowledgementDigit is null:
                output.WriteSuccess($"answered{answeredAfter}; the message was played.");
                return true;

            case CallOutcome.Answered:
                var why = result.EndReason == CallEndReason.RemoteHangUp ? "the callee hung up" : $"{request.MaxCallDuration.TotalSeconds:0} s passed";
                output.WriteSuccess($"answered{answeredAfter}.");
                error.WriteWarning(
                    $"but not acknowledged: {why} without pressing {request.AcknowledgementDigit}" + (result.DigitsReceived.Length > 0 ? $" (digits received: {result.DigitsReceived})." : "."),
                    "On an alert the box would go on to the next contact. If the digit was pressed, the PBX may not pass DTMF as RFC 4733 (telephone-event) or SIP INFO: check its DTMF mode for this account.");
                return true;

            case CallOutcome.Busy:
                error.WriteError($"busy: {status ?? "the line is busy"}.", "The callee's line (or its PBX) says busy: on an alert the box calls the next contact. Try again when the line is free.");
                return false;

            case CallOutcome.Declined:
                error.WriteError($"declined: {status ?? "the call was refused"}.", "The callee or its PBX refused the call (603, 403, 607…): check that this account may call this number.");
                return false;

            case CallOutcome.NoAnswer:
                error.WriteError(
                    status is null or "487 Request Terminated" ? $"no answer within {request.RingTimeout.TotalSeconds:0} s." : $"no answer: {status}.",
                    "It rang (or was offered) but nobody picked up. The site file's ringTimeoutSeconds sets how long the box lets it ring.");
                return false;

            case CallOutcome.Unreachable:
                error.WriteError(
                    $"unreachable: {(result.Failure?.Detail ?? Describe(result.Failure?.Kind)).TrimEnd('.')}.",
                    $"Nothing answered at {result.Target.Host}:{result.Target.EffectivePort} over {phone.Transport}. Check phone.server (host:port) and phone.transport in the site file, that the PBX is up, and that no firewall blocks SIP (port 5060 by default) between the box and the PBX.");
                return false;

            default:
                error.WriteError($"failed: {(result.Failure?.Detail ?? status ?? "unknown reason").TrimEnd('.')}.", FailureHint(result, account, phone));
                return false;
        }
    }

    private static string Describe(CallFailureKind? kind) => kind switch
    {
        CallFailureKind.NoResponse => "no response to the INVITE",
        CallFailureKind.DnsFailure => "the server's name did not resolve",
        CallFailureKind.NetworkError => "the request could not be sent",
        _ => "no answer",
    };

    private static string FailureHint(CallResult result, SipAccount account, PhoneConfig phone) => result.Failure?.Kind switch
    {
        CallFailureKind.AuthenticationRejected =>
            $"The server refused user '{account.EffectiveAuthUserName}' with this password: check phone.username, phone.authUsername and the secret '{phone.PasswordSecret}' (provision secret set {phone.PasswordSecret ?? "NAME"} --value-stdin).",
        CallFailureKind.AuthenticationUnsupported when account.Password is null =>
            "The server asks for a password but none is configured: set phone.passwordSecret in the site file and store the secret.",
        CallFailureKind.AuthenticationUnsupported =>
            "The server asks for an authentication the box cannot give (only digest MD5 and SHA-256 are supported).",
        CallFailureKind.NoCommonCodec =>
            "The box speaks G.711 only: allow PCMU or PCMA (G.711 µ-law / A-law) for this account on the PBX.",
        CallFailureKind.StatusCode when result.FinalStatusCode == 404 =>
            $"The PBX does not know '{result.Target.User}': check the number or the contact's URI.",
        CallFailureKind.StatusCode when result.FinalStatusCode is >= 500 =>
            "The PBX or the trunk behind it failed: try again, and look at the PBX's log.",
        _ => "Look at the steps above: the last answer from the server says why.",
    };
}
