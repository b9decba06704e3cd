using Edge.Core.Configuration.Model;
using Edge.Core.Health;
using Edge.Core.Scenarios;
using Edge.Worker.Triggers;
using Hardware.Sip.Registration;

namespace Edge.Worker.Actions.Calls;

/// <summary>
/// Registers the box's SIP account when the site file asks for it (<c>phone.register: true</c>) and keeps the fault
/// list true to it. A PBX that refuses or does not answer is a <c>sip</c> fault (status page, heartbeat, LED, an event
/// for the relay), never a crash or a slower start: the phone keeps retrying in the background, and calls are placed
/// whether registered or not.
/// </summary>
public sealed partial class SipRegistrationService(
    SiteFile site,
    SitePhone phone,
    FaultRegistry faults,
    ScenarioEngine engine,
    TriggerService triggers,
    ILogger<SipRegistrationService> logger) : BackgroundService
{
    public const string FaultCode = "sip";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (site.Phone is not { Register: true })
        {
            return;
        }

        try
        {
            var sip = phone.Get();
            sip.RegistrationChanged += OnRegistrationChanged;
            await sip.RegisterAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping before the registrar answered.
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A missing password or an unusable server address: nothing to retry until someone fixes it.
            Raise(ex.Message);
        }
    }

    private void OnRegistrationChanged(object? sender, RegistrationResult result)
    {
        if (result.State == RegistrationState.Registered)
        {
            if (faults.Clear(FaultCode, phone.AccountName))
            {
                Log.Registered(logger, phone.AccountName);
                triggers.Post(ct => engine.RecordFaultAsync(FaultCode, phone.AccountName, $"SIP account {phone.AccountName} registered again", raised: false, ct));
            }
        }
        else if (result.State == RegistrationState.Failed)
        {
            // The reason carries the status line ("403 Forbidden") or what went wrong without one (no answer).
            var why = result.Reason.Length > 0 ? result.Reason : $"status {result.StatusCode}";
            Raise($"SIP registration of {phone.AccountName} failed: {why}; retrying in the background.");
        }
    }

    private void Raise(string detail)
    {
        if (faults.Raise(FaultCode, phone.AccountName, detail))
        {
            Log.RegistrationFailed(logger, detail);
            triggers.Post(ct => engine.RecordFaultAsync(FaultCode, phone.AccountName, detail, raised: true, ct));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "{Detail}")]
        public static partial void RegistrationFailed(ILogger logger, string detail);

        [LoggerMessage(Level = LogLevel.Information, Message = "SIP account {Account} registered again")]
        public static partial void Registered(ILogger logger, string account);
    }
}
