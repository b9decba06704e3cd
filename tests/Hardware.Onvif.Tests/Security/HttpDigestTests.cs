using System.Net;
using Hardware.Onvif.Security;

namespace Hardware.Onvif.Tests.Security;

/// <summary>HTTP digest against the examples of RFC 2617 §3.5 and RFC 7616 §3.9.1, and challenge parsing.</summary>
public sealed class HttpDigestTests
{
    [Fact]
    public void ComputeResponse_Rfc2617Section3_5()
    {
        string response = HttpDigest.ComputeResponse(DigestAlgorithm.Md5, "Mufasa", "testrealm@host.com", "Circle Of Life", "GET",
            "/dir/index.html", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "auth", "00000001", "0a4f113b");

        Assert.Equal("6629fae49393a05397450978507c4ef1", response);
    }

    [Theory]
    [InlineData("MD5", "8ca523f5e9506fed4657c9700eebdbec")]
    [InlineData("SHA-256", "753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1")]
    public void ComputeResponse_Rfc7616Section3_9_1(string algorithm, string expected)
    {
        string response = HttpDigest.ComputeResponse(HttpDigest.ParseAlgorithm(algorithm)!.Value, "Mufasa", "http-auth@example.org", "Circle of Life", "GET", "/dir/index.html",
            "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", "auth", "00000001", "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ");

        Assert.Equal(expected, response);
    }

    [Fact]
    public void ComputeResponse_KamailioRegisterVector()
    {
        // protocols.md §1.5, recorded from kamailio 5.6.3.
        string response = HttpDigest.ComputeResponse(DigestAlgorithm.Md5, "panic1", "127.0.0.1", "s3cret", "REGISTER", "sip:127.0.0.1",
            "awrydmsK8UqdsZAJrW60o9ZXZxG54mAr", "auth", "00000001", "6b8b4567");

        Assert.Equal("6a71991ab812dffa14c1d812bc7570e3", response);
    }

    [Fact]
    public void ParseChallenges_SplitsSeveralChallengesAndKeepsQuotedCommas()
    {
        IReadOnlyList<AuthenticationChallenge> challenges = AuthenticationHeaderParser.ParseChallenges(
        [
            "Digest realm=\"cam\", qop=\"auth,auth-int\", algorithm=SHA-256, nonce=\"abc\", opaque=\"\"",
            "Digest realm=\"cam\", qop=\"auth\", algorithm=MD5, nonce=\"abc\", Basic realm=\"cam\"",
        ]);

        Assert.Equal(["Digest", "Digest", "Basic"], challenges.Select(c => c.Scheme));
        Assert.Equal("auth,auth-int", challenges[0]["qop"]);
        Assert.Equal(string.Empty, challenges[0]["opaque"]);
        Assert.Equal("SHA-256", challenges[0]["algorithm"]);
        Assert.Equal("MD5", challenges[1]["algorithm"]);
        Assert.Equal("cam", challenges[2]["realm"]);
    }

    [Fact]
    public void ChooseChallenge_PrefersSha256ThenMd5ThenBasic_AndSkipsSha512_256()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", "Basic realm=\"cam\"");
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", "Digest realm=\"cam\", nonce=\"n\", algorithm=MD5, qop=\"auth\"");
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", "Digest realm=\"cam\", nonce=\"n\", algorithm=SHA-512-256, qop=\"auth\"");
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", "Digest realm=\"cam\", nonce=\"n\", algorithm=SHA-256, qop=\"auth\"");

        Assert.Equal("SHA-256", HttpAuthenticator.ChooseChallenge(response)!["algorithm"]);
    }

    [Fact]
    public async Task SendAsync_AnswersADigestChallengeOnce_WithQopAuthAndTheServersOpaque()
    {
        var handler = new RecordingHandler((request, _) => request.Headers.Authorization is null
            ? Challenge("Digest realm=\"cam\", qop=\"auth,auth-int\", nonce=\"n1\", opaque=\"op\"")
            : new HttpResponseMessage(HttpStatusCode.OK));
        using var http = new HttpClient(handler);
        var authenticator = new HttpAuthenticator(new NetworkCredential("Mufasa", "Circle Of Life"), () => new byte[16]);

        using HttpResponseMessage response = await authenticator.SendAsync(http, new Uri("http://127.0.0.1:1/dir/index.html?x=1"),
            _ => new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1:1/dir/index.html?x=1"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string authorization = Assert.Single(handler.Authorizations.OfType<string>());
        IReadOnlyDictionary<string, string> p = AuthenticationHeaderParser.ParseParameters(authorization["Digest ".Length..]);
        Assert.Equal(("auth", "00000001", "0000000000000000", "op", "/dir/index.html?x=1"), (p["qop"], p["nc"], p["cnonce"], p["opaque"], p["uri"]));
        string expected = HttpDigest.ComputeResponse(DigestAlgorithm.Md5, "Mufasa", "cam", "Circle Of Life", "GET", "/dir/index.html?x=1", "n1", "auth", "00000001", "0000000000000000");
        Assert.Equal(expected, p["response"]);
        Assert.DoesNotContain("Circle", authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_ReusesTheChallengeForTheNextRequest_WithTheNonceCountIncremented()
    {
        var handler = new RecordingHandler((request, _) => request.Headers.Authorization is null
            ? Challenge("Digest realm=\"cam\", qop=\"auth\", nonce=\"n1\"")
            : new HttpResponseMessage(HttpStatusCode.OK));
        using var http = new HttpClient(handler);
        var authenticator = new HttpAuthenticator(new NetworkCredential("u", "p"), () => new byte[16]);
        var uri = new Uri("http://127.0.0.1:1/a");

        (await authenticator.SendAsync(http, uri, _ => new HttpRequestMessage(HttpMethod.Get, uri), TestContext.Current.CancellationToken)).Dispose();
        (await authenticator.SendAsync(http, uri, _ => new HttpRequestMessage(HttpMethod.Get, uri), TestContext.Current.CancellationToken)).Dispose();

        Assert.Equal(3, handler.Authorizations.Count);
        Assert.Null(handler.Authorizations[0]);
        Assert.Contains("nc=00000001", handler.Authorizations[1], StringComparison.Ordinal);
        Assert.Contains("nc=00000002", handler.Authorizations[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_WhenTheSameNonceIsRefusedAgain_GivesUpWithoutLooping()
    {
        var handler = new RecordingHandler((_, _) => Challenge("Digest realm=\"cam\", qop=\"auth\", nonce=\"same\""));
        using var http = new HttpClient(handler);
        var authenticator = new HttpAuthenticator(new NetworkCredential("u", "wrong"), () => new byte[16]);
        var uri = new Uri("http://127.0.0.1:1/a");

        using HttpResponseMessage first = await authenticator.SendAsync(http, uri, _ => new HttpRequestMessage(HttpMethod.Get, uri), TestContext.Current.CancellationToken);
        using HttpResponseMessage second = await authenticator.SendAsync(http, uri, _ => new HttpRequestMessage(HttpMethod.Get, uri), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, second.StatusCode);
        Assert.Equal(3, handler.Authorizations.Count);
    }

    [Fact]
    public async Task SendAsync_BasicOnlyCamera_GetsBasic()
    {
        var handler = new RecordingHandler((request, _) => request.Headers.Authorization is null
            ? Challenge("Basic realm=\"cam\"")
            : new HttpResponseMessage(HttpStatusCode.OK));
        using var http = new HttpClient(handler);
        var authenticator = new HttpAuthenticator(new NetworkCredential("admin", "9999"), () => new byte[16]);
        var uri = new Uri("http://127.0.0.1:1/snapshot.jpg");

        using HttpResponseMessage response = await authenticator.SendAsync(http, uri, _ => new HttpRequestMessage(HttpMethod.Get, uri), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Basic YWRtaW46OTk5OQ==", handler.Authorizations[1]);
    }

    private static HttpResponseMessage Challenge(string challenge)
    {
        var response = new HttpResponseMessage(HttpStatusCode.Unauthorized);
        response.Headers.TryAddWithoutValidation("WWW-Authenticate", challenge);
        return response;
    }
}
