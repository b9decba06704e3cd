using Relay.Core.Devices;

namespace Relay.Core.Certificates;

/// <summary>The boxes' certificates: listing, revoking (store first, then the in-memory list the broker checks), and
/// the signed revocation list for an external broker.</summary>
public sealed class DeviceCertificates(ICertificateStore store, RevocationList revocations, TimeProvider timeProvider)
{
    /// <summary>A CRL is re-exported after every revocation; a long validity only protects against an outage when
    /// nobody re-exports it in time (OpenSSL refuses every client once a CRL is past its next-update date).</summary>
    public static readonly TimeSpan DefaultRevocationListValidity = TimeSpan.FromDays(365);

    /// <summary>Loads the revocation list from the store (at start, before the broker accepts anyone).</summary>
    public async Task LoadRevocationsAsync(CancellationToken cancellationToken)
    {
        var revoked = await store.ListRevokedAsync(cancellationToken).ConfigureAwait(false);
        revocations.Replace(revoked.Select(r => r.SerialNumber));
    }

    public Task<IReadOnlyList<DeviceCertificateRecord>> ListAsync(DeviceId? device, CancellationToken cancellationToken) =>
        store.ListCertificatesAsync(device, cancellationToken);

    /// <summary>Revokes every valid certificate of the device; returns what was revoked (empty if nothing was).</summary>
    public async Task<IReadOnlyList<DeviceCertificateRecord>> RevokeAsync(DeviceId device, string revokedBy, RevocationReason reason, CancellationToken cancellationToken)
    {
        var revoked = await store.RevokeCertificatesAsync(device, timeProvider.GetUtcNow(), reason, revokedBy, cancellationToken).ConfigureAwait(false);
        revocations.Add(revoked.Select(r => r.SerialNumber));
        return revoked;
    }

    /// <summary>The revocation list in PEM, signed by <paramref name="authority"/>: mosquitto's <c>crlfile</c>.</summary>
    public async Task<string> BuildRevocationListPemAsync(CertificateAuthority authority, TimeSpan validity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authority);
        var revoked = await store.ListRevokedAsync(cancellationToken).ConfigureAwait(false);
        var der = authority.BuildRevocationList(revoked, timeProvider.GetUtcNow(), validity);
        return System.Security.Cryptography.PemEncoding.WriteString("X509 CRL", der) + "\n";
    }
}
