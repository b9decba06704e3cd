namespace Relay.Core.Enrolment;

/// <summary>A certificate just issued to a box, in PEM.</summary>
public sealed record IssuedCertificate(string SerialNumber, string CertificatePem, DateTimeOffset NotBefore, DateTimeOffset NotAfter, string Fingerprint);
