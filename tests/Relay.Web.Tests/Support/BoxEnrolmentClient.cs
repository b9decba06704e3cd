using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Relay.Core.Certificates;

namespace Relay.Testing;

/// <summary>
/// What a box's <c>device enroll</c> does over HTTPS, as the README describes it: fetch the relay's CA, accept it only
/// if its SHA-256 is the fingerprint the installer typed with the code, then call <c>POST /api/enroll</c> over a
/// connection that trusts that CA and nothing else.
/// </summary>
internal static class BoxEnrolmentClient
{
    public static async Task<X509Certificate2> FetchPinnedCaAsync(Uri relay, string fingerprint)
    {
        // Nothing is trusted yet: the answer is checked against the pin instead of the connection.
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler) { BaseAddress = relay, Timeout = Bounded.Timeout };
        var pem = await http.GetStringAsync("/api/enroll/ca", TestContext.Current.CancellationToken);
        var ca = X509Certificate2.CreateFromPem(pem);
        Assert.Equal(fingerprint, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(ca.RawData)));
        return ca;
    }

    /// <summary>An HTTP client that accepts only a server certificate chaining to <paramref name="ca"/>.</summary>
    public static HttpClient TrustingOnly(Uri relay, X509Certificate2 ca)
    {
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                using var chain = TrustChains.To(ca, DateTimeOffset.UtcNow, CertificateAuthority.ServerAuthenticationOid);
                return certificate is not null && chain.Build(certificate);
            },
        };
        return new HttpClient(handler, disposeHandler: true) { BaseAddress = relay, Timeout = Bounded.Timeout };
    }

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> EnrolAsync(HttpClient http, string? code, string? csr)
    {
        var response = await http.PostAsJsonAsync("/api/enroll", new { code, csr }, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        return (response, body);
    }
}
