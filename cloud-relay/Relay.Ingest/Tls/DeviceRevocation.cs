using Relay.Core.Certificates;
using Relay.Core.Devices;
using Relay.Ingest.Broker;

namespace Relay.Ingest.Tls;

/// <summary>
/// Revoking a box: its certificates go into the revocation list (refused at the next handshake), and a session it
/// has open on the embedded broker is ended now. An external broker reads revocations from the CRL file that
/// <c>devices export-mosquitto</c> writes, at its next start.
/// </summary>
public sealed class DeviceRevocation(DeviceCertificates certificates, IBroker broker)
{
    public async Task<RevocationOutcome> RevokeAsync(DeviceId device, string revokedBy, CancellationToken cancellationToken)
    {
        var revoked = await certificates.RevokeAsync(device, revokedBy, RevocationReason.Unspecified, cancellationToken).ConfigureAwait(false);
        var disconnected = await broker.DisconnectRevokedAsync().ConfigureAwait(false);
        return new RevocationOutcome(revoked, disconnected);
    }

    /// <summary>Ends the sessions of certificates revoked by other means (a new enrolment superseding one).</summary>
    public Task<int> EnforceAsync() => broker.DisconnectRevokedAsync();
}

/// <summary>What a revocation did: the certificates revoked, and the sessions ended on the embedded broker.</summary>
public sealed record RevocationOutcome(IReadOnlyList<DeviceCertificateRecord> Revoked, int SessionsEnded);
