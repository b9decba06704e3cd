using Hardware.Sip.Auth;
using Hardware.Sip.Messages;

namespace Hardware.Sip.Tests.Unit;

public sealed class DigestTests
{
    [Fact]
    public void Md5_Rfc2617Section3_5Vector()
    {
        var response = DigestCalculator.ComputeResponse(DigestAlgorithm.Md5, "Mufasa", "testrealm@host.com", "Circle Of Life",
            "GET", "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "auth", "00000001", "0a4f113b");
        Assert.Equal("6629fae49393a05397450978507c4ef1", response);
    }

    [Theory]
    [InlineData("MD5", "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void Rfc7616Section3_9_1Vectors(string algorithm, string expected)
    {
        var response = DigestCalculator.ComputeResponse(DigestAlgorithmNames.TryParse(algorithm)!.Value, "Mufasa", "http-auth@example.org", "Circle of Life",
            "GET", "/dir/index.html", "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "auth", "00000001",
            "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");
        Assert.Equal(expected, response);
    }

    [Fact]
    public void Md5_KamailioCapturedRegisterVector()
    {
        // protocols.md §1.5: a REGISTER that kamailio 5.6.3 accepted.
        var response = DigestCalculator.ComputeResponse(DigestAlgorithm.Md5, "panic1", "127.0.0.1", "s3cret",
            "REGISTER", "sip:127.0.0.1", "awrydmsK8UqdsZAJrW60o9ZXZxG54mAr", "auth", "00000001", "6b8b4567");
        Assert.Equal("6a71991ab812dffa14c1d812bc7570e3", response);
    }

    [Fact]
    public void WithoutQop_UsesRfc2069Form()
    {
        var ha1 = DigestCalculator.Hash(DigestAlgorithm.Md5, "u:r:p");
        var ha2 = DigestCalculator.Hash(DigestAlgorithm.Md5, "INVITE:sip:x@y");
        var expected = DigestCalculator.Hash(DigestAlgorithm.Md5, $"{ha1}:n1:{ha2}");
        Assert.Equal(expected, DigestCalculator.ComputeResponse(DigestAlgorithm.Md5, "u", "r", "p", "INVITE", "sip:x@y", "n1", null, null, null));
    }

    [Fact]
    public void ChallengeParser_ReadsQuotedAndUnquotedParameters()
    {
        var challenge = DigestChallenge.TryParse(
            "Digest realm=\"127.0.0.1\", nonce=\"abc,def\", qop=\"auth,auth-int\", algorithm=SHA-256, opaque=\"xyz\", stale=TRUE")!;
        Assert.Equal("127.0.0.1", challenge.Realm);
        Assert.Equal("abc,def", challenge.Nonce);
        Assert.Equal(["auth", "auth-int"], challenge.QopOptions);
        Assert.Equal(DigestAlgorithm.Sha256, challenge.SupportedAlgorithm);
        Assert.Equal("xyz", challenge.Opaque);
        Assert.True(challenge.Stale);
        Assert.Null(DigestChallenge.TryParse("Basic realm=\"x\""));
        Assert.Null(DigestChallenge.TryParse("Digest realm=\"x\", nonce=\"n\", algorithm=SHA-512-256")!.SupportedAlgorithm);
    }

    [Fact]
    public void Authenticator_AnswersKamailioChallenge_WithCorrectlyFormattedHeader()
    {
        var authenticator = new DigestAuthenticator("panic1", "s3cret", new SipIdGenerator(new Random(7)));
        var challenge = Response(401, "WWW-Authenticate", "Digest realm=\"127.0.0.1\", nonce=\"awrydmsK8UqdsZAJrW60o9ZXZxG54mAr\", qop=\"auth\", opaque=\"op1\"");
        Assert.Equal(ChallengeDecision.Retry, authenticator.OnChallenge(challenge));

        var register = new SipRequest("REGISTER", SipUri.Parse("sip:127.0.0.1"));
        authenticator.Authorize(register);
        var header = register.Headers.Get("Authorization")!;
        var fields = DigestChallenge.ParseParameters(header["Digest ".Length..]);

        Assert.Contains("qop=auth", header, StringComparison.Ordinal);         // unquoted token
        Assert.Contains("nc=00000001", header, StringComparison.Ordinal);      // unquoted, 8 hex digits
        Assert.Contains("cnonce=\"", header, StringComparison.Ordinal);        // quoted
        Assert.Contains("opaque=\"op1\"", header, StringComparison.Ordinal);   // echoed
        Assert.Contains("algorithm=MD5", header, StringComparison.Ordinal);
        Assert.Equal("sip:127.0.0.1", fields["uri"]);
        var expected = DigestCalculator.ComputeResponse(DigestAlgorithm.Md5, "panic1", "127.0.0.1", "s3cret", "REGISTER",
            "sip:127.0.0.1", "awrydmsK8UqdsZAJrW60o9ZXZxG54mAr", "auth", "00000001", fields["cnonce"]);
        Assert.Equal(expected, fields["response"]);
    }

    [Fact]
    public void Authenticator_IncrementsNonceCount_WhenTheNonceIsReused()
    {
        var authenticator = new DigestAuthenticator("u", "p", new SipIdGenerator(new Random(1)));
        authenticator.OnChallenge(Response(401, "WWW-Authenticate", "Digest realm=\"r\", nonce=\"n\", qop=\"auth\""));
        var first = new SipRequest("REGISTER", SipUri.Parse("sip:r"));
        authenticator.Authorize(first);
        authenticator.OnAccepted();
        var second = new SipRequest("REGISTER", SipUri.Parse("sip:r"));
        authenticator.Authorize(second);
        Assert.Contains("nc=00000001", first.Headers.Get("Authorization")!, StringComparison.Ordinal);
        Assert.Contains("nc=00000002", second.Headers.Get("Authorization")!, StringComparison.Ordinal);
    }

    [Fact]
    public void Authenticator_PrefersSha256_AndAnswers407WithProxyAuthorization()
    {
        var authenticator = new DigestAuthenticator("u", "p", new SipIdGenerator(new Random(1)));
        var response = Response(407, "Proxy-Authenticate",
            "Digest realm=\"r\", nonce=\"n1\", qop=\"auth\", algorithm=SHA-512-256",
            "Digest realm=\"r\", nonce=\"n2\", qop=\"auth\", algorithm=SHA-256",
            "Digest realm=\"r\", nonce=\"n3\", qop=\"auth\", algorithm=MD5");
        Assert.Equal(ChallengeDecision.Retry, authenticator.OnChallenge(response));
        var invite = new SipRequest("INVITE", SipUri.Parse("sip:x@r"));
        authenticator.Authorize(invite);
        Assert.Null(invite.Headers.Get("Authorization"));
        var header = invite.Headers.Get("Proxy-Authorization")!;
        Assert.Contains("algorithm=SHA-256", header, StringComparison.Ordinal);
        Assert.Contains("nonce=\"n2\"", header, StringComparison.Ordinal);
        Assert.Equal(64, DigestChallenge.ParseParameters(header[7..])["response"].Length);
    }

    [Fact]
    public void Authenticator_StaleNonceIsRetried_ButAFreshChallengeAfterAnsweringIsRejection()
    {
        var authenticator = new DigestAuthenticator("u", "p", new SipIdGenerator(new Random(1)));
        Assert.Equal(ChallengeDecision.Retry, authenticator.OnChallenge(Response(401, "WWW-Authenticate", "Digest realm=\"r\", nonce=\"a\", qop=\"auth\"")));
        authenticator.Authorize(new SipRequest("REGISTER", SipUri.Parse("sip:r")));
        Assert.Equal(ChallengeDecision.Retry, authenticator.OnChallenge(Response(401, "WWW-Authenticate", "Digest realm=\"r\", nonce=\"b\", qop=\"auth\", stale=true")));
        authenticator.Authorize(new SipRequest("REGISTER", SipUri.Parse("sip:r")));
        Assert.Equal(ChallengeDecision.Rejected, authenticator.OnChallenge(Response(401, "WWW-Authenticate", "Digest realm=\"r\", nonce=\"c\", qop=\"auth\"")));
    }

    [Fact]
    public void Authenticator_WithOnlyUnsupportedChallenges_SaysUnsupported()
    {
        var authenticator = new DigestAuthenticator("u", "p", new SipIdGenerator(new Random(1)));
        Assert.Equal(ChallengeDecision.Unsupported,
            authenticator.OnChallenge(Response(401, "WWW-Authenticate", "Digest realm=\"r\", nonce=\"n\", algorithm=SHA-512-256")));
    }

    private static SipResponse Response(int status, string header, params string[] challenges)
    {
        var response = new SipResponse(status, "Unauthorized");
        foreach (var challenge in challenges)
        {
            response.Headers.Add(header, challenge);
        }
        return response;
    }
}
