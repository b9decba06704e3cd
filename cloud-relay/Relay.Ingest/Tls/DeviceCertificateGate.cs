using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;
using Relay.Core.Certificates;
using Relay.Core.Ingest;
using Relay.Ingest.Authorization;

namespace Relay.Ingest.Tls;

/// <summary>
/// The TLS endpoint's handshake check: a box gets as far as MQTT only with a certificate of the relay's CA, valid,
/// for client authentication, naming a device, and not revoked. Everything else fails the handshake, is counted in
/// <c>/health</c> (<c>tls-certificate-untrusted</c>, <c>tls-certificate-revoked</c>, ...) and logged, rate-limited.
/// </summary>
public sealed partial class DeviceCertificateGate(DeviceCertificateVerifier verifier, AccessCounters counters, TimeProvider timeProvider, ILogger<DeviceCertificateGate> logger)
{
    private readonly RateLimitedLog _refusalLog = new(timeProvider);

    /// <summary>SslStream's <see cref="RemoteCertificateValidationCallback"/>. The platform's own verdict
    /// (<paramref name="errors"/>) is ignored on purpose: it judges against the machine's trust store, which must
    /// play no part here.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var check = verifier.Check(certificate);
        if (check.IsAccepted)
        {
            return true;
        }

        var counter = "tls-" + check.Verdict.CounterName();
        counters.Denied.Increment(counter);
        if (_refusalLog.TryAcquire(counter, out var suppressed))
        {
            LogRefused(logger, check.Verdict.ToString(), LogText.Printable(check.Subject ?? "(none)"), check.SerialNumber ?? "-", suppressed);
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a TLS client certificate ({Verdict}): subject '{Subject}', serial {Serial} [{Suppressed} similar refusals not logged before this one]")]
    private static partial void LogRefused(ILogger logger, string verdict, string subject, string serial, long suppressed);
}
