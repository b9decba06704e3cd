using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Hardware.Onvif.Security;

/// <summary>
/// Answers HTTP 401 challenges with Digest (preferred: SHA-256, then MD5) or Basic, and reuses the
/// last challenge of each origin so that later requests go out already authenticated (RFC 7616 §3.4.5,
/// nc incremented). One retry per request at most: a second 401 for the same nonce means the
/// credentials are wrong, and we never loop.
/// </summary>
internal sealed class HttpAuthenticator(NetworkCredential? credential, Func<byte[]> randomBytes)
{
    private readonly Dictionary<string, OriginState> _origins = new(StringComparer.OrdinalIgnoreCase);
    private readonly object _lock = new();

    public bool HasCredential => credential is not null;

    /// <summary>True once the origin of <paramref name="uri"/> has asked for HTTP authentication.</summary>
    public bool UsesHttpAuthentication(Uri uri)
    {
        lock (_lock)
        {
            return _origins.ContainsKey(Origin(uri));
        }
    }

    /// <summary>Sends a request to <paramref name="uri"/>, answering one 401 challenge if there is one.</summary>
    /// <remarks>
    /// <paramref name="createRequest"/> builds a fresh request (a sent request cannot be sent again); its
    /// argument says whether the request will carry HTTP credentials, so that SOAP can then leave out
    /// WS-Security (ONVIF Core: "a client should not simultaneously supply authentication credentials on
    /// both levels").
    /// </remarks>
    public async Task<HttpResponseMessage> SendAsync(HttpMessageInvoker http, Uri uri, Func<bool, HttpRequestMessage> createRequest, CancellationToken cancellationToken)
    {
        OriginState? known = null;
        if (credential is not null)
        {
            lock (_lock)
            {
                _origins.TryGetValue(Origin(uri), out known);
            }
        }

        HttpRequestMessage first = createRequest(known is not null);
        known?.Authorize(first, credential!, randomBytes);
        HttpResponseMessage response = await SendAndDisposeRequestAsync(http, first, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.Unauthorized || credential is null)
        {
            return response;
        }

        AuthenticationChallenge? challenge = ChooseChallenge(response);
        if (challenge is null)
        {
            return response;
        }

        bool sameNonceRejected = known is not null && !challenge.IsStale && string.Equals(known.Challenge["nonce"], challenge["nonce"], StringComparison.Ordinal);
        if (sameNonceRejected)
        {
            return response;
        }

        var state = new OriginState(challenge);
        lock (_lock)
        {
            _origins[Origin(uri)] = state;
        }

        response.Dispose();
        HttpRequestMessage retry = createRequest(true);
        state.Authorize(retry, credential, randomBytes);
        return await SendAndDisposeRequestAsync(http, retry, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Digest SHA-256 over Digest MD5 over Basic; challenges with algorithms we cannot compute are skipped.</summary>
    internal static AuthenticationChallenge? ChooseChallenge(HttpResponseMessage response)
    {
        if (!response.Headers.NonValidated.TryGetValues("WWW-Authenticate", out HeaderStringValues values))
        {
            return null;
        }

        IReadOnlyList<AuthenticationChallenge> challenges = AuthenticationHeaderParser.ParseChallenges(values);
        return challenges
            .Where(c => c.IsBasic || (c.IsDigest && c["nonce"] is not null && HttpDigest.ParseAlgorithm(c["algorithm"]) is not null))
            .OrderBy(Preference)
            .FirstOrDefault();

        static int Preference(AuthenticationChallenge c) => c.IsBasic ? 9 : HttpDigest.ParseAlgorithm(c["algorithm"]) switch
        {
            DigestAlgorithm.Sha256 or DigestAlgorithm.Sha256Sess => 0,
            _ => 1,
        };
    }

    private static async Task<HttpResponseMessage> SendAndDisposeRequestAsync(HttpMessageInvoker http, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            return await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Origin(Uri uri) => uri.GetLeftPart(UriPartial.Authority);

    private sealed class OriginState(AuthenticationChallenge challenge)
    {
        private int _nonceCount;

        public AuthenticationChallenge Challenge { get; } = challenge;

        public void Authorize(HttpRequestMessage request, NetworkCredential credential, Func<byte[]> randomBytes)
        {
            string value = Challenge.IsBasic
                ? "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{credential.UserName}:{credential.Password}"))
                : DigestAuthorization(request, credential, randomBytes);
            request.Headers.TryAddWithoutValidation("Authorization", value);
        }

        private string DigestAuthorization(HttpRequestMessage request, NetworkCredential credential, Func<byte[]> randomBytes)
        {
            DigestAlgorithm algorithm = HttpDigest.ParseAlgorithm(Challenge["algorithm"]) ?? DigestAlgorithm.Md5;
            string realm = Challenge["realm"] ?? string.Empty;
            string nonce = Challenge["nonce"] ?? string.Empty;
            string uri = request.RequestUri!.PathAndQuery;

            // "auth" when offered ("auth,auth-int" included); RFC 2069 form when qop is absent.
            string? qop = Challenge["qop"] is { } offered && offered.Split(',').Any(q => q.Trim().Equals("auth", StringComparison.OrdinalIgnoreCase))
                ? "auth"
                : null;
            string nc = Interlocked.Increment(ref _nonceCount).ToString("x8", CultureInfo.InvariantCulture);
            string cnonce = Convert.ToHexStringLower(randomBytes().AsSpan(0, 8));
            string response = HttpDigest.ComputeResponse(algorithm, credential.UserName, realm, credential.Password, request.Method.Method, uri, nonce, qop, nc, cnonce);

            var header = new StringBuilder("Digest ");
            header.Append(CultureInfo.InvariantCulture, $"username=\"{credential.UserName}\", realm=\"{realm}\", nonce=\"{nonce}\", uri=\"{uri}\"");
            if (Challenge["algorithm"] is { } algorithmText)
            {
                // Echo the server's spelling: some cameras compare it as a string.
                header.Append(CultureInfo.InvariantCulture, $", algorithm={algorithmText}");
            }

            header.Append(CultureInfo.InvariantCulture, $", response=\"{response}\"");
            if (qop is not null)
            {
                header.Append(CultureInfo.InvariantCulture, $", qop={qop}, nc={nc}, cnonce=\"{cnonce}\"");
            }

            if (Challenge["opaque"] is { } opaque)
            {
                header.Append(CultureInfo.InvariantCulture, $", opaque=\"{opaque}\"");
            }

            return header.ToString();
        }
    }
}
