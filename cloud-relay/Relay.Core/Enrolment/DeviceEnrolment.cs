using Microsoft.Extensions.Options;
using Relay.Core.Certificates;
using Relay.Core.Devices;

namespace Relay.Core.Enrolment;

/// <summary>
/// Enrolment of a box: an administrator creates a one-time code for a (site, device); the box sends the code with a
/// signing request for a key it made itself and never sends; the relay checks the code, issues a certificate for
/// <c>{site}.{device}</c> signed by its CA, and registers the device. The code is the only credential of that request,
/// so it is single-use, short-lived, and stored hashed.
/// </summary>
public sealed class DeviceEnrolment(
    IEnrolmentStore store,
    TlsMaterial tls,
    RevocationList revocations,
    IOptions<EnrolmentOptions> options,
    IOptions<TlsOptions> tlsOptions,
    TimeProvider timeProvider)
{
    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a validity outside 1 minute ..
    /// <see cref="EnrolmentOptions.MaxCodeValidity"/>.</summary>
    public async Task<IssuedEnrolmentCode> CreateCodeAsync(DeviceId device, TimeSpan? validity, string createdBy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(device);
        var lifetime = validity ?? options.Value.CodeValidity;
        if (lifetime < TimeSpan.FromMinutes(1) || lifetime > options.Value.MaxCodeValidity)
        {
            throw new ArgumentOutOfRangeException(nameof(validity), lifetime,
                $"An enrolment code is valid for 1 minute to {options.Value.MaxCodeValidity.TotalHours:0} hours.");
        }

        var code = EnrolmentCodes.Generate();
        EnrolmentCodes.TryNormalize(code, out var normalized);
        var now = timeProvider.GetUtcNow();
        var record = new EnrolmentCodeRecord
        {
            CodeHash = EnrolmentCodes.Hash(normalized!),
            Device = device,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
            CreatedBy = createdBy,
        };
        await store.AddEnrolmentCodeAsync(record, cancellationToken).ConfigureAwait(false);
        return new IssuedEnrolmentCode(code, device, record.ExpiresAt, tls.Authority.Fingerprint);
    }

    public async Task<EnrolmentResult> EnrolAsync(string? code, string? csrPem, string? remoteAddress, CancellationToken cancellationToken)
    {
        // The code first: nothing else of an unauthenticated request is looked at before it is known to be genuine.
        if (!EnrolmentCodes.TryNormalize(code, out var normalized))
        {
            return Refused(EnrolmentOutcome.UnknownCode, null, "Unknown enrolment code: check it was typed right, or ask for a new one.");
        }

        var hash = EnrolmentCodes.Hash(normalized);
        var record = await store.FindEnrolmentCodeAsync(hash, cancellationToken).ConfigureAwait(false);
        var now = timeProvider.GetUtcNow();
        if (Unusable(record, now) is { } refusal)
        {
            return refusal;
        }

        var device = record!.Device;

        // A bad request leaves the code usable: the installer fixes the box and tries again with the same code.
        if (!SigningRequest.TryRead(csrPem, out var request, out var problem))
        {
            return Refused(EnrolmentOutcome.InvalidRequest, device, problem);
        }

        if (request.CommonName is { } requested && requested != device.Username)
        {
            return Refused(EnrolmentOutcome.IdentityMismatch, device,
                $"The request asks for '{requested}' but this code is for '{device.Username}': the box must be configured as site " +
                $"'{device.Site}', device '{device.Device}' (or leave the subject of the request empty).");
        }

        using var certificate = tls.Authority.IssueDeviceCertificate(device, request.PublicKey, now, tlsOptions.Value.DeviceCertificateValidity);
        var issued = new DeviceCertificateRecord
        {
            SerialNumber = SerialNumbers.Of(certificate),
            Device = device,
            IssuedAt = now,
            NotAfter = certificate.NotAfter,
            Fingerprint = Fingerprints.Of(certificate),
        };
        var commit = await store.CommitEnrolmentAsync(hash, issued, now, remoteAddress, cancellationToken).ConfigureAwait(false);
        if (commit.Outcome != EnrolmentOutcome.Enrolled)
        {
            // Another request with the same code won the race: this certificate was never recorded nor handed out.
            return Refused(commit.Outcome, device, Describe(commit.Outcome));
        }

        revocations.Add(commit.Superseded.Select(c => c.SerialNumber));
        return new EnrolmentResult
        {
            Outcome = EnrolmentOutcome.Enrolled,
            Device = device,
            Detail = $"Enrolled {device.Username}: certificate {issued.SerialNumber}, valid until {certificate.NotAfter.ToUniversalTime():O}.",
            Certificate = new IssuedCertificate(issued.SerialNumber, certificate.ExportCertificatePem(), certificate.NotBefore, certificate.NotAfter, issued.Fingerprint),
            KeyDescription = request.KeyDescription,
            SupersededSerials = [.. commit.Superseded.Select(c => c.SerialNumber)],
            DeviceRegistered = commit.DeviceRegistered,
        };
    }

    private static EnrolmentResult? Unusable(EnrolmentCodeRecord? record, DateTimeOffset now) => record switch
    {
        null => Refused(EnrolmentOutcome.UnknownCode, null, Describe(EnrolmentOutcome.UnknownCode)),
        { UsedAt: not null } => Refused(EnrolmentOutcome.CodeUsed, record.Device, Describe(EnrolmentOutcome.CodeUsed)),
        _ when now >= record.ExpiresAt => Refused(EnrolmentOutcome.CodeExpired, record.Device, Describe(EnrolmentOutcome.CodeExpired)),
        _ => null,
    };

    private static string Describe(EnrolmentOutcome outcome) => outcome switch
    {
        EnrolmentOutcome.CodeUsed => "This enrolment code was already used (codes are single-use): ask an administrator for a new one.",
        EnrolmentOutcome.CodeExpired => "This enrolment code has expired: ask an administrator for a new one.",
        _ => "Unknown enrolment code: check it was typed right, or ask for a new one.",
    };

    private static EnrolmentResult Refused(EnrolmentOutcome outcome, DeviceId? device, string detail) =>
        new() { Outcome = outcome, Device = device, Detail = detail };
}
