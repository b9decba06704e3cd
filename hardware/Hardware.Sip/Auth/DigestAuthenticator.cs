using System.Globalization;
using System.Text;
using Hardware.Sip.Messages;

namespace Hardware.Sip.Auth;

/// <summary>What the authenticator decided about a 401/407 response.</summary>
internal enum ChallengeDecision
{
    /// <summary>Credentials were added; resend the request.</summary>
    Retry,

    /// <summary>Our credentials were refused (a new, non-stale challenge after we answered one).</summary>
    Rejected,

    /// <summary>No challenge we can answer (no Digest, unsupported algorithm, no credentials).</summary>
    Unsupported,
}

/// <summary>
/// Answers digest challenges for one request sequence (a registration or a call): keeps nonce counts,
/// tells a stale nonce from a wrong password, and never loops (protocols.md §1.5).
/// </summary>
internal sealed class DigestAuthenticator
{
    private readonly string _username;
    private readonly string _password;
    private readonly SipIdGenerator _ids;
    private readonly Dictionary<string, int> _nonceCounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string HeaderName, DigestChallenge Challenge)> _lastChallenges = new(StringComparer.Ordinal);
    // Realms challenged by the last response, and realms whose fresh challenge the last request answered:
    // only a new challenge after answering a fresh one means "wrong password" (credentials re-used
    // pre-emptively on a refresh may meet an expired nonce without that being a failure).
    private readonly HashSet<string> _challengedRealms = new(StringComparer.Ordinal);
    private HashSet<string> _answeredFreshRealms = new(StringComparer.Ordinal);

    public DigestAuthenticator(string username, string password, SipIdGenerator ids)
    {
        _username = username;
        _password = password;
        _ids = ids;
    }

    /// <summary>Name of the digest algorithm last used (for logs), or null.</summary>
    public string? LastAlgorithm { get; private set; }

    /// <summary>
    /// Reads the challenges of a 401 or 407 and decides. On <see cref="ChallengeDecision.Retry"/> the
    /// challenges are remembered and <see cref="Authorize"/> adds the headers to the next request.
    /// </summary>
    public ChallengeDecision OnChallenge(SipResponse response)
    {
        var headerName = response.StatusCode == 407 ? "Proxy-Authenticate" : "WWW-Authenticate";
        var byRealm = new Dictionary<string, DigestChallenge>(StringComparer.Ordinal);
        foreach (var value in response.Headers.GetAll(headerName))
        {
            var challenge = DigestChallenge.TryParse(value);
            if (challenge?.SupportedAlgorithm is not { } algorithm)
            {
                continue;
            }
            // Several challenges for one realm come in preference order; keep the strongest we support (RFC 8760 §2.4).
            if (!byRealm.TryGetValue(challenge.Realm, out var best)
                || DigestAlgorithmNames.Strength(algorithm) > DigestAlgorithmNames.Strength(best.SupportedAlgorithm!.Value))
            {
                byRealm[challenge.Realm] = challenge;
            }
        }
        if (byRealm.Count == 0)
        {
            return ChallengeDecision.Unsupported;
        }
        foreach (var (realm, challenge) in byRealm)
        {
            // A fresh challenge for a realm we already answered, without stale=true, means the password is wrong.
            if (_answeredFreshRealms.Contains(realm) && !challenge.Stale)
            {
                return ChallengeDecision.Rejected;
            }
            _challengedRealms.Add(realm);
            _lastChallenges[realm] = (response.StatusCode == 407 ? "Proxy-Authorization" : "Authorization", challenge);
        }
        return ChallengeDecision.Retry;
    }

    /// <summary>Adds Authorization / Proxy-Authorization headers answering the remembered challenges.</summary>
    public void Authorize(SipRequest request)
    {
        request.Headers.RemoveAll("Authorization");
        request.Headers.RemoveAll("Proxy-Authorization");
        foreach (var (realm, (headerName, challenge)) in _lastChallenges)
        {
            request.Headers.Add(headerName, BuildAuthorization(challenge, request.Method, request.Uri.ToString()));
        }
        _answeredFreshRealms = new HashSet<string>(_challengedRealms, StringComparer.Ordinal);
        _challengedRealms.Clear();
    }

    /// <summary>True when a challenge was seen, so credentials can be sent pre-emptively (e.g. on a REGISTER refresh).</summary>
    public bool HasChallenges => _lastChallenges.Count > 0;

    /// <summary>The request was accepted: the next challenge starts a new round.</summary>
    public void OnAccepted() => _answeredFreshRealms.Clear();

    private string BuildAuthorization(DigestChallenge challenge, string method, string digestUri)
    {
        var algorithm = challenge.SupportedAlgorithm!.Value;
        LastAlgorithm = challenge.Algorithm;
        string? qop = null;
        string? nc = null;
        string? cnonce = null;
        if (challenge.QopOptions.Count > 0)
        {
            // Prefer auth over auth-int: we never need integrity of bodies here (protocols.md §1.5).
            qop = challenge.QopOptions.FirstOrDefault(q => q.Equals("auth", StringComparison.OrdinalIgnoreCase))
                ?? challenge.QopOptions[0];
            var count = _nonceCounts.GetValueOrDefault(challenge.Nonce) + 1;
            _nonceCounts[challenge.Nonce] = count;
            nc = count.ToString("x8", CultureInfo.InvariantCulture);
            cnonce = _ids.NewClientNonce();
        }
        var response = DigestCalculator.ComputeResponse(algorithm, _username, challenge.Realm, _password,
            method, digestUri, challenge.Nonce, qop, nc, cnonce);
        var sb = new StringBuilder("Digest ");
        sb.Append("username=").Append(HeaderText.Quote(_username));
        sb.Append(", realm=").Append(HeaderText.Quote(challenge.Realm));
        sb.Append(", nonce=").Append(HeaderText.Quote(challenge.Nonce));
        sb.Append(", uri=").Append(HeaderText.Quote(digestUri));
        sb.Append(", response=").Append(HeaderText.Quote(response));
        // Keep the algorithm token as the server sent it (protocols.md §1.5).
        sb.Append(", algorithm=").Append(challenge.Algorithm);
        if (qop is not null)
        {
            // qop and nc are unquoted tokens; cnonce is quoted (RFC 2617 §3.2.2).
            sb.Append(", cnonce=").Append(HeaderText.Quote(cnonce!));
            sb.Append(", qop=").Append(qop);
            sb.Append(", nc=").Append(nc);
        }
        if (challenge.Opaque is not null)
        {
            sb.Append(", opaque=").Append(HeaderText.Quote(challenge.Opaque));
        }
        return sb.ToString();
    }
}
