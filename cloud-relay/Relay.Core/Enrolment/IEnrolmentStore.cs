using Relay.Core.Certificates;

namespace Relay.Core.Enrolment;

/// <summary>Enrolment codes, and the one transaction that turns a code into a registered device with a certificate.</summary>
public interface IEnrolmentStore
{
    Task AddEnrolmentCodeAsync(EnrolmentCodeRecord code, CancellationToken cancellationToken);

    Task<EnrolmentCodeRecord?> FindEnrolmentCodeAsync(string codeHash, CancellationToken cancellationToken);

    /// <summary>
    /// In one transaction: checks the code again (unused, not expired at <paramref name="now"/>: two requests racing
    /// with one code get one certificate), marks it used, registers the device if it is not (without a password),
    /// revokes its other valid certificates as superseded, and records <paramref name="certificate"/>.
    /// </summary>
    Task<EnrolmentCommit> CommitEnrolmentAsync(string codeHash, DeviceCertificateRecord certificate, DateTimeOffset now, string? remoteAddress, CancellationToken cancellationToken);
}
