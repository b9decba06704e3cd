using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Provisioning.Cli.Output;

namespace Provisioning.Cli.Commands.Device;

/// <summary>The relay's <c>200 OK</c> to <c>POST /api/enroll</c>, as read (not yet checked).</summary>
internal sealed record EnrolmentAnswer(
    string Identity,
    string CertificateChainPem,
    string? CaCertificatePem,
    string SerialNumber,
    DateTimeOffset NotBefore,
    DateTimeOffset NotAfter,
    string BrokerHost,
    int BrokerPort,
    bool BrokerTls);

/// <summary>
/// The box's side of the relay's enrolment API: <c>GET /api/enroll/ca</c> over a connection trusted by nobody (the
/// answer is checked against the fingerprint instead), then <c>POST /api/enroll</c> over HTTPS trusting that CA and
/// nothing else — not the machine's trust store. Every failure becomes a worded <see cref="CheckFailedException"/>.
/// </summary>
internal sealed class RelayEnrolmentClient(CliContext context, Uri relay, TimeSpan timeout)
{
    /// <summary>A CA certificate or an enrolment answer is a few kilobytes.</summary>
    private const int MaxAnswerBytes = 256 * 1024;

    private const string ServerAuthenticationOid = "1.3.6.1.5.5.7.3.1";

    private string Where => $"{relay.Host}:{relay.Port}";

    /// <summary>The relay's CA, accepted only if its fingerprint is <paramref name="pinned"/>.</summary>
    public async Task<X509Certificate2> FetchCaAsync(string pinned, CancellationToken cancellationToken)
    {
        // Nothing is trusted yet: any server certificate will do, since what it sends is checked against the pin.
        using var http = CreateClient((_, _, _, _) => true);
        var pem = await SendAsync(
            async () =>
            {
                using var response = await http.GetAsync(new Uri(relay, "api/enroll/ca"), HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    throw EnrolmentRefusals.RateLimited();
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new CheckFailedException($"{relay} answered HTTP {(int)response.StatusCode} {response.StatusCode} to GET /api/enroll/ca: there is no relay enrolment at this address.")
                    {
                        Hint = "Check --relay: the crisis cell's relay, its HTTPS address and port (Relay:Https:Port on the relay), e.g. https://relais.ville.fr:8443.",
                    };
                }

                return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            },
            null,
            cancellationToken).ConfigureAwait(false);

        X509Certificate2 ca;
        try
        {
            ca = X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException exception)
        {
            throw new CheckFailedException($"{relay} answered GET /api/enroll/ca with something that is not a certificate ({exception.Message}).", exception)
            {
                Hint = "Check --relay: it must be the crisis cell's relay (its HTTPS address).",
            };
        }

        var actual = CaFingerprint.Of(ca);
        if (!string.Equals(actual, pinned, StringComparison.Ordinal))
        {
            ca.Dispose();
            throw new CheckFailedException(
                $"The certificate authority the relay at {Where} presented is not the one the administrator gave: its fingerprint is {actual}, not {pinned}. " +
                "Nothing was sent to it: the code was not used.")
            {
                Hint = "Either --relay is not the crisis cell's relay (a wrong address, another relay), or the fingerprint was mistyped, or something on this network " +
                       "intercepts the connection (a man in the middle). Check both with the administrator (the fingerprint is shown with the code); do not enrol " +
                       "this box until they match.",
            };
        }

        return ca;
    }

    /// <summary>Sends the code and the request; a refusal is thrown, worded (<see cref="EnrolmentRefusals"/>).</summary>
    public async Task<EnrolmentAnswer> EnrolAsync(X509Certificate2 ca, string code, string csrPem, BoxIdentity box, CancellationToken cancellationToken)
    {
        string? trustProblem = null;
        using var http = CreateClient((_, certificate, chain, errors) =>
        {
            trustProblem = TrustProblem(ca, certificate, chain, errors);
            return trustProblem is null;
        });

        return await SendAsync(
            async () =>
            {
                using var response = await http.PostAsJsonAsync(new Uri(relay, "api/enroll"), new { code, csr = csrPem }, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    var (problemCode, detail) = ReadProblem(body);
                    throw EnrolmentRefusals.For(response.StatusCode, problemCode, detail, box);
                }

                return ReadAnswer(body);
            },
            () => trustProblem,
            cancellationToken).ConfigureAwait(false);
    }

    private HttpClient CreateClient(RemoteCertificateValidationCallback validate)
    {
        var sockets = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectTimeout = timeout,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = validate },
        };
        var handler = context.WrapHttpHandler?.Invoke(sockets) ?? sockets;
        return new HttpClient(handler, disposeHandler: true) { Timeout = timeout, MaxResponseContentBufferSize = MaxAnswerBytes };
    }

    /// <summary>
    /// Why the relay's HTTPS certificate is not acceptable, or null: it must be for the host typed in --relay and chain
    /// to the pinned CA alone, for server authentication, at this computer's time.
    /// </summary>
    private string? TrustProblem(X509Certificate2 ca, X509Certificate? certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return "it presented no certificate";
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return $"its HTTPS certificate is not issued for '{relay.Host}' (the relay's Relay:Tls:ServerNames must list the name or address the boxes use)";
        }

        using var server = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTimeIgnored = false;
        chain.ChainPolicy.VerificationTime = context.Time.GetUtcNow().UtcDateTime;
        chain.ChainPolicy.ApplicationPolicy.Add(new Oid(ServerAuthenticationOid));
        foreach (var element in presented?.ChainElements.Skip(1) ?? [])
        {
            chain.ChainPolicy.ExtraStore.Add(element.Certificate);
        }

        if (chain.Build(server))
        {
            return null;
        }

        var statuses = chain.ChainStatus.Select(s => s.Status).ToList();
        if (statuses.Contains(X509ChainStatusFlags.NotTimeValid))
        {
            return $"its HTTPS certificate is not valid at this computer's time ({context.Time.GetUtcNow():yyyy-MM-dd HH:mm} UTC; it is valid from " +
                   $"{server.NotBefore.ToUniversalTime():yyyy-MM-dd} to {server.NotAfter.ToUniversalTime():yyyy-MM-dd}): set this computer's clock (NTP) first";
        }

        return statuses.Contains(X509ChainStatusFlags.UntrustedRoot) || statuses.Contains(X509ChainStatusFlags.PartialChain)
            ? "its HTTPS certificate is not signed by the certificate authority you pinned (another certificate answers at this address)"
            : "its HTTPS certificate is not acceptable: " + string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation.Trim()).Distinct(StringComparer.Ordinal));
    }

    private async Task<T> SendAsync<T>(Func<Task<T>> send, Func<string?>? trustProblem, CancellationToken cancellationToken)
    {
        try
        {
            return await send().ConfigureAwait(false);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CheckFailedException($"The relay at {Where} did not answer within {timeout.TotalSeconds:0} s.", exception)
            {
                Hint = "Check the box's network and that the relay is up; a slow link may need more time: --timeout 60s.",
            };
        }
        catch (HttpRequestException exception)
        {
            throw Unreachable(exception, trustProblem?.Invoke());
        }
    }

    private CheckFailedException Unreachable(HttpRequestException exception, string? trustProblem)
    {
        if (trustProblem is not null)
        {
            return new CheckFailedException($"The relay at {Where} cannot be trusted: {trustProblem}. The code was not sent.", exception)
            {
                Hint = "The CA matched the fingerprint, but this HTTPS server does not chain to it. Check --relay (the relay's name as in its server " +
                       "certificate), or tell the relay's administrator what this says.",
            };
        }

        var socket = FindInner<SocketException>(exception);
        var reason = socket?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => $"connection refused: nothing listens on {Where}",
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => $"the name '{relay.Host}' cannot be resolved (DNS)",
            SocketError.HostUnreachable or SocketError.NetworkUnreachable => $"{relay.Host} is unreachable from this box (no route)",
            SocketError.TimedOut => $"no answer to the connection attempt to {Where}",
            _ when FindInner<AuthenticationException>(exception) is not null => "the TLS handshake failed (is this port the relay's HTTPS port, not plain HTTP?)",
            _ => exception.Message,
        };
        return new CheckFailedException($"Cannot reach the relay at {relay}: {reason}.", exception)
        {
            Hint = "Check --relay (the relay's HTTPS address and port, Relay:Https:Port on the relay), the box's network (ping, DNS), and that no firewall blocks that port.",
        };
    }

    private static T? FindInner<T>(Exception exception)
        where T : Exception
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static (string? Code, string? Detail) ReadProblem(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            return root.ValueKind != JsonValueKind.Object
                ? (null, null)
                : (String(root, "code"), String(root, "detail"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private EnrolmentAnswer ReadAnswer(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            var broker = root.TryGetProperty("broker", out var b) && b.ValueKind == JsonValueKind.Object ? b : throw Missing("broker");
            return new EnrolmentAnswer(
                String(root, "identity") ?? throw Missing("identity"),
                String(root, "certificate") ?? throw Missing("certificate"),
                String(root, "caCertificate"),
                String(root, "serialNumber") ?? throw Missing("serialNumber"),
                Date(root, "notBefore"),
                Date(root, "notAfter"),
                String(broker, "host") ?? throw Missing("broker.host"),
                broker.TryGetProperty("port", out var port) && port.TryGetInt32(out var p) ? p : throw Missing("broker.port"),
                broker.TryGetProperty("tls", out var tls) && tls.ValueKind == JsonValueKind.True);
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException)
        {
            throw NotUsable($"its answer is not the enrolment JSON ({exception.Message})");
        }
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTimeOffset Date(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var date) ? date : throw Missing(name);

    private static FormatException Missing(string field) => new($"no '{field}'");

    /// <summary>The relay enrolled the box but its answer cannot be used: the code is spent.</summary>
    public static CheckFailedException NotUsable(string why) =>
        new($"The relay enrolled this box, but {why}. Nothing was written.")
        {
            Hint = "The code is now spent: ask the administrator for a new one, and report this with the relay's version.",
        };
}
