using Hardware.Sip.Auth;
using Hardware.Sip.Messages;

namespace Hardware.Sip.Simulator;

/// <summary>What a request's credentials are worth.</summary>
internal enum DigestCheck
{
    Valid,
    Missing,
    Invalid,
}

/// <summary>
/// The server side of SIP digest for the virtual phone (RFC 2617 §3.2, RFC 3261 §22.4): issues MD5 qop=auth challenges
/// and checks Authorization headers with the library's own <see cref="DigestCalculator"/>. Used under the phone's lock.
/// </summary>
internal sealed class DigestVerifier
{
    private readonly VirtualPhoneCredentials _credentials;
    private readonly SipIdGenerator _ids;
    private readonly HashSet<string> _nonces = new(StringComparer.Ordinal);
    private readonly string _opaque;

    public DigestVerifier(VirtualPhoneCredentials credentials, SipIdGenerator ids)
    {
        _credentials = credentials;
        _ids = ids;
        _opaque = ids.NewTag();
    }

    /// <summary>A WWW-Authenticate value with a fresh nonce.</summary>
    public string CreateChallenge()
    {
        var nonce = _ids.NewTag() + _ids.NewTag();
        _nonces.Add(nonce);
        return $"Digest realm={HeaderText.Quote(_credentials.Realm)}, nonce={HeaderText.Quote(nonce)}, " +
            $"opaque={HeaderText.Quote(_opaque)}, algorithm=MD5, qop=\"auth\"";
    }

    /// <summary>Checks the Authorization header for our realm; the reason says what was wrong.</summary>
    public (DigestCheck Result, string Reason) Verify(SipRequest request)
    {
        Dictionary<string, string>? parameters = null;
        foreach (var value in request.Headers.GetAll("Authorization"))
        {
            var text = value.Trim();
            if (text.Length > 7 && text.StartsWith("Digest", StringComparison.OrdinalIgnoreCase) && char.IsWhiteSpace(text[6]))
            {
                var candidate = DigestChallenge.ParseParameters(text[7..]);
                if (candidate.GetValueOrDefault("realm") == _credentials.Realm || parameters is null)
                {
                    parameters = candidate;
                }
            }
        }
        if (parameters is null)
        {
            return (DigestCheck.Missing, "no credentials");
        }
        string Get(string name) => parameters.GetValueOrDefault(name) ?? string.Empty;
        if (Get("username") != _credentials.UserName)
        {
            return (DigestCheck.Invalid, $"unknown user '{Get("username")}'");
        }
        if (Get("realm") != _credentials.Realm)
        {
            return (DigestCheck.Invalid, $"realm '{Get("realm")}' is not '{_credentials.Realm}'");
        }
        if (!_nonces.Contains(Get("nonce")))
        {
            return (DigestCheck.Invalid, "nonce not issued by this phone");
        }
        if (parameters.TryGetValue("opaque", out var opaque) && opaque != _opaque)
        {
            return (DigestCheck.Invalid, "opaque not echoed");
        }
        var uri = Get("uri");
        if (!SipUri.TryParse(uri, out var digestUri) || !digestUri.Equals(request.Uri))
        {
            return (DigestCheck.Invalid, $"digest uri '{uri}' is not the Request-URI '{request.Uri}'");
        }
        if (DigestAlgorithmNames.TryParse(parameters.GetValueOrDefault("algorithm") ?? "MD5") != DigestAlgorithm.Md5)
        {
            return (DigestCheck.Invalid, $"algorithm {Get("algorithm")} was not offered");
        }
        string? qop = null;
        if (parameters.TryGetValue("qop", out var askedQop))
        {
            if (!askedQop.Equals("auth", StringComparison.OrdinalIgnoreCase))
            {
                return (DigestCheck.Invalid, $"qop {askedQop} was not offered");
            }
            if (Get("nc").Length == 0 || Get("cnonce").Length == 0)
            {
                return (DigestCheck.Invalid, "qop=auth without nc or cnonce");
            }
            qop = askedQop;
        }
        var expected = DigestCalculator.ComputeResponse(DigestAlgorithm.Md5, _credentials.UserName, _credentials.Realm,
            _credentials.Password, request.Method, uri, Get("nonce"), qop, qop is null ? null : Get("nc"), qop is null ? null : Get("cnonce"));
        return string.Equals(expected, Get("response"), StringComparison.OrdinalIgnoreCase)
            ? (DigestCheck.Valid, "credentials accepted")
            : (DigestCheck.Invalid, "wrong password (digest response does not match)");
    }
}
