namespace Relay.Core.Certificates;

/// <summary>
/// <c>Relay:Tls</c>: the relay's own certificate authority (which signs every box's certificate) and the server
/// certificate the boxes and browsers see. By default the relay makes both at first start and keeps them in
/// <see cref="Directory"/>; an existing CA and/or server certificate can be given as PEM files instead.
/// </summary>
public sealed class TlsOptions
{
    public const string Section = "Relay:Tls";

    /// <summary>Used when <see cref="ServerNames"/> is empty: enough for a relay reached on this machine only.</summary>
    public static readonly IReadOnlyList<string> DefaultServerNames = ["localhost", "127.0.0.1"];

    /// <summary>Where the generated CA and server certificate are kept (keys owner-only). Default: <c>tls</c> beside
    /// the store file, e.g. <c>data/tls</c>.</summary>
    public string? Directory { get; set; }

    /// <summary>
    /// DNS names and IP addresses by which boxes and browsers reach the relay: they become the server certificate's
    /// subject alternative names, and the first one is the broker host handed to boxes at enrolment. Empty (the
    /// default): <see cref="DefaultServerNames"/>. A list, because the configuration binder appends to a pre-filled one.
    /// </summary>
    public List<string> ServerNames { get; } = [];

    /// <summary>An existing CA (PEM) to use instead of generating one; needs <see cref="CaKeyFile"/> to sign
    /// device certificates and the revocation list.</summary>
    public string? CaCertificateFile { get; set; }

    public string? CaKeyFile { get; set; }

    /// <summary>An existing server certificate (PEM, leaf first) to use instead of one issued by the relay's CA.</summary>
    public string? ServerCertificateFile { get; set; }

    public string? ServerKeyFile { get; set; }

    /// <summary>How long a box's certificate is valid. A box re-enrols (new code) before that.</summary>
    public TimeSpan DeviceCertificateValidity { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How long a server certificate issued by the relay is valid; it is re-issued at start when it has less
    /// than <see cref="ServerCertificateRenewal"/> left. Boxes trust the CA, not this certificate, so a renewal is
    /// invisible to them.</summary>
    public TimeSpan ServerCertificateValidity { get; set; } = TimeSpan.FromDays(397);

    public TimeSpan ServerCertificateRenewal { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a generated CA is valid. Replacing the CA means enrolling every box again (see the README).</summary>
    public TimeSpan CaValidity { get; set; } = TimeSpan.FromDays(3650);

    public IReadOnlyList<string> EffectiveServerNames => ServerNames.Count > 0 ? ServerNames : DefaultServerNames;

    /// <summary>The TLS directory for a store at <paramref name="storeFullPath"/>: the admin commands and the relay
    /// must find the same files.</summary>
    public string DirectoryFor(string storeFullPath) =>
        Path.GetFullPath(Directory ?? Path.Combine(Path.GetDirectoryName(storeFullPath) ?? ".", "tls"));
}
