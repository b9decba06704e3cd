using System.Net;
using System.Security.Cryptography.X509Certificates;
using Relay.Core.Certificates;

namespace Relay.Web.Hosting.Https;

/// <summary>
/// HTTPS with the relay's own server certificate: every https address Kestrel binds (Relay:Https:Port, or an https
/// URL in --urls) serves it, with the CA in the chain so that a box can pin the CA's fingerprint before it trusts it.
/// </summary>
public static class RelayHttps
{
    /// <summary>Adds the HTTPS listener of <c>Relay:Https</c> to <paramref name="urls"/> (the plain ones), or to
    /// Kestrel's endpoints when those are configured (Kestrel then ignores urls).</summary>
    public static void Configure(WebApplicationBuilder builder, IReadOnlyList<string> urls, HttpsOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        builder.WebHost.ConfigureKestrel((_, kestrel) => kestrel.ConfigureHttpsDefaults(https =>
        {
            // Runs when an https endpoint is bound, once the services exist.
            var tls = kestrel.ApplicationServices.GetRequiredService<TlsMaterial>();
            https.ServerCertificate = tls.ServerCertificate;
            https.ServerCertificateChain = new X509Certificate2Collection(tls.Authority.Certificate);
            https.SslProtocols = System.Security.Authentication.SslProtocols.Tls12 | System.Security.Authentication.SslProtocols.Tls13;
        }));

        if (options.Url is not { } httpsUrl)
        {
            return;
        }

        if (!IPAddress.TryParse(options.ListenAddress, out _))
        {
            throw new ProductionMode.RelayConfigurationException($"{HttpsOptions.Section}:ListenAddress must be an IP address such as 127.0.0.1 or 0.0.0.0 (got '{options.ListenAddress}').");
        }

        if (builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.Configuration["Kestrel:Endpoints:RelayHttps:Url"] = httpsUrl;
        }
        else
        {
            builder.WebHost.UseUrls([.. urls, httpsUrl]);
        }
    }
}
