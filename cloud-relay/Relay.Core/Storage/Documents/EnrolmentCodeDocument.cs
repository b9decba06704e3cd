namespace Relay.Core.Storage.Documents;

/// <summary>An enrolment code. Id: the hash of the code (the code itself is never stored).</summary>
internal sealed class EnrolmentCodeDocument
{
    public string Id { get; set; } = "";

    public string Site { get; set; } = "";

    public string Device { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTimeOffset? UsedAt { get; set; }

    public string? UsedFrom { get; set; }

    public string? CertificateSerial { get; set; }
}
