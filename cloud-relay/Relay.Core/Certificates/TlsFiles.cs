using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Relay.Core.Certificates;

/// <summary>
/// Loads the relay's CA and server certificate, making them at first start. A generated CA is kept for good (boxes
/// trust it); a generated server certificate is issued again at start when it nears its end, when the configured
/// server names changed, or when it no longer chains to the CA. Files: <c>ca.crt</c>, <c>ca.key</c> (0600),
/// <c>server.crt</c>, <c>server.key</c> (0600), in a 0700 directory.
/// </summary>
public static partial class TlsFiles
{
    public const string CaCertificateName = "ca.crt";
    public const string CaKeyName = "ca.key";
    public const string ServerCertificateName = "server.crt";
    public const string ServerKeyName = "server.key";

    public static TlsMaterial LoadOrCreate(TlsOptions options, string storeFullPath, TimeProvider timeProvider, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var directory = options.DirectoryFor(storeFullPath);
        var now = timeProvider.GetUtcNow();
        var authority = LoadAuthority(options, directory, now, logger);
        try
        {
            var server = LoadServerCertificate(options, directory, authority, now, logger);
            return new TlsMaterial(authority, server, directory);
        }
        catch
        {
            authority.Dispose();
            throw;
        }
    }

    /// <summary>The PEM of a private key, for writing it out (keys are loaded exportable for this).</summary>
    public static string PrivateKeyPem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var ecdsa = certificate.GetECDsaPrivateKey();
        if (ecdsa is not null)
        {
            return ecdsa.ExportPkcs8PrivateKeyPem();
        }

        using var rsa = certificate.GetRSAPrivateKey() ?? throw new InvalidOperationException($"'{certificate.Subject}' has no ECDSA or RSA private key.");
        return rsa.ExportPkcs8PrivateKeyPem();
    }

    private static CertificateAuthority LoadAuthority(TlsOptions options, string directory, DateTimeOffset now, ILogger logger)
    {
        if (options.CaCertificateFile is { } configuredCertificate)
        {
            WarnIfExposed(options.CaKeyFile!, logger);
            var configured = new CertificateAuthority(SecretFiles.LoadWithKey(configuredCertificate, options.CaKeyFile!));
            LogCaLoaded(logger, configuredCertificate, configured.Fingerprint, configured.Certificate.NotAfter);
            return configured;
        }

        var certificateFile = Path.Combine(directory, CaCertificateName);
        var keyFile = Path.Combine(directory, CaKeyName);
        if (File.Exists(certificateFile) && File.Exists(keyFile))
        {
            WarnIfExposed(keyFile, logger);
            var existing = new CertificateAuthority(SecretFiles.LoadWithKey(certificateFile, keyFile));
            LogCaLoaded(logger, certificateFile, existing.Fingerprint, existing.Certificate.NotAfter);
            return existing;
        }

        if (File.Exists(certificateFile) || File.Exists(keyFile))
        {
            // Never replace half a CA silently: every enrolled box trusts the old one.
            throw new InvalidOperationException(
                $"The relay's CA in '{directory}' is incomplete ({CaCertificateName} and {CaKeyName} go together). Restore the missing file " +
                "from a backup: a new CA would mean enrolling every box again. (If this relay never enrolled a box, a first start was " +
                "interrupted: delete the remaining file and start again.)");
        }

        SecretFiles.EnsurePrivateDirectory(directory);
        var created = CertificateAuthority.CreateNew(now, options.CaValidity);
        SecretFiles.WriteSecret(keyFile, PrivateKeyPem(created.Certificate));
        SecretFiles.WritePublic(certificateFile, created.CertificatePem);
        LogCaCreated(logger, directory, created.Fingerprint, created.Certificate.NotAfter);
        return created;
    }

    private static X509Certificate2 LoadServerCertificate(TlsOptions options, string directory, CertificateAuthority authority, DateTimeOffset now, ILogger logger)
    {
        if (options.ServerCertificateFile is { } configuredCertificate)
        {
            WarnIfExposed(options.ServerKeyFile!, logger);
            return SecretFiles.LoadWithKey(configuredCertificate, options.ServerKeyFile!);
        }

        var certificateFile = Path.Combine(directory, ServerCertificateName);
        var keyFile = Path.Combine(directory, ServerKeyName);
        var names = options.EffectiveServerNames;
        if (File.Exists(certificateFile) && File.Exists(keyFile))
        {
            WarnIfExposed(keyFile, logger);
            var existing = SecretFiles.LoadWithKey(certificateFile, keyFile);
            var why = ReasonToReissue(existing, authority, names, now, options.ServerCertificateRenewal);
            if (why is null)
            {
                return existing;
            }

            existing.Dispose();
            LogServerReissued(logger, why);
        }

        SecretFiles.EnsurePrivateDirectory(directory);
        var issued = authority.IssueServerCertificate(names, now, options.ServerCertificateValidity);
        SecretFiles.WriteSecret(keyFile, PrivateKeyPem(issued));
        SecretFiles.WritePublic(certificateFile, issued.ExportCertificatePem());
        LogServerIssued(logger, string.Join(", ", names), issued.NotAfter);
        return issued;
    }

    private static string? ReasonToReissue(X509Certificate2 certificate, CertificateAuthority authority, IReadOnlyList<string> names, DateTimeOffset now, TimeSpan renewal)
    {
        if (!authority.Issued(certificate, now))
        {
            return "it does not chain to the relay's CA";
        }

        if (certificate.NotAfter.ToUniversalTime() - now.UtcDateTime < renewal)
        {
            return $"it ends on {certificate.NotAfter:u}";
        }

        var present = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>()
            .SelectMany(e => e.EnumerateDnsNames().Concat(e.EnumerateIPAddresses().Select(a => a.ToString())))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var wanted = names.Select(n => IPAddress.TryParse(n, out var a) ? a.ToString() : n).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return present.SetEquals(wanted) ? null : $"the server names changed to {string.Join(", ", names)}";
    }

    private static void WarnIfExposed(string keyFile, ILogger logger)
    {
        if (SecretFiles.IsReadableByOthers(keyFile))
        {
            LogKeyExposed(logger, keyFile);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the relay's certificate authority in {Directory} (fingerprint {Fingerprint}, valid until {NotAfter:u}). Back up ca.crt and ca.key: every enrolled box trusts this CA")]
    private static partial void LogCaCreated(ILogger logger, string directory, string fingerprint, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Information, Message = "Relay CA loaded from {File} (fingerprint {Fingerprint}, valid until {NotAfter:u})")]
    private static partial void LogCaLoaded(ILogger logger, string file, string fingerprint, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Information, Message = "Issued the relay's server certificate for {Names}, valid until {NotAfter:u}")]
    private static partial void LogServerIssued(ILogger logger, string names, DateTime notAfter);

    [LoggerMessage(Level = LogLevel.Information, Message = "Issuing the relay's server certificate again: {Why}")]
    private static partial void LogServerReissued(ILogger logger, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The private key {File} is readable by other accounts: make it owner-only (chmod 600)")]
    private static partial void LogKeyExposed(ILogger logger, string file);
}
