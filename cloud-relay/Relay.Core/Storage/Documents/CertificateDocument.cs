namespace Relay.Core.Storage.Documents;

/// <summary>A certificate issued to a box. Id: its serial number (upper-case hex).</summary>
internal sealed class CertificateDocument
{
    public string Id { get; set; } = "";

    /// <summary><c>{site}.{device}</c>, indexed.</summary>
    public string Identity { get; set; } = "";

    public string Site { get; set; } = "";

    public string Device { get; set; } = "";

    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset NotAfter { get; set; }

    public string Fingerprint { get; set; } = "";

    public DateTimeOffset? RevokedAt { get; set; }

    public string? RevocationReason { get; set; }

    public string? RevokedBy { get; set; }
}
