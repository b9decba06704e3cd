using System.Net;
using Provisioning.Cli.Commands.Device;
using Provisioning.Cli.Output;
using Provisioning.Cli.Tests.Support;

namespace Provisioning.Cli.Tests.Device;

/// <summary><c>device enroll</c>'s refusals that need no relay, or one that limits attempts; and its messages for each refusal code.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DeviceEnrollCheckTests : IDisposable
{
    private const string Code = "7K3D-9QXM-2HFA-WB4T-PC8N";

    private static readonly string s_fingerprint = "sha256:" + new string('a', 64);

    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Site => SiteYaml.Write(_folder, SiteYaml.Box("mairie-essai", "accueil-1"));

    [Theory]
    [InlineData("http://127.0.0.1:8080", "--code", Code, "sha256:aaaa", "not HTTPS")]
    [InlineData("https://127.0.0.1:8443", "--code", Code, "3f1c0d5e", "is not a CA fingerprint")]
    [InlineData("https://127.0.0.1:8443", "--code", "7K3D-9QXM", null, "not an enrolment code")]
    [InlineData("https://127.0.0.1:8443", "--code-stdin", null, null, "standard input is empty")]
    [InlineData("https://127.0.0.1:8443", null, null, null, "no enrolment code")]
    public async Task Usage_errors_exit_2_without_contacting_anything(string relay, string? codeOption, string? code, string? fingerprint, string expected)
    {
        var cli = new CliHarness();
        List<string> args = ["device", "enroll", "--relay", relay, "--ca-fingerprint", fingerprint ?? s_fingerprint, "--site", "missing.yaml", "--out", _folder.File("out")];
        if (codeOption is not null)
        {
            args.Add(codeOption);
        }

        if (code is not null)
        {
            args.Add(code);
        }

        var result = await cli.RunAsync([.. args]);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains(expected, result.Problem, StringComparison.Ordinal);
        Assert.Empty(cli.HttpRequests);
        Assert.False(Directory.Exists(_folder.File("out")));
        if (code is not null && fingerprint is null)
        {
            Assert.DoesNotContain(code, result.All, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Missing_required_options_are_usage_errors()
    {
        var result = await CliHarness.Run("device", "enroll", "--code", Code);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("--relay", result.Problem, StringComparison.Ordinal);
        Assert.Contains("--ca-fingerprint", result.Problem, StringComparison.Ordinal);
        Assert.Contains("--site", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_relay_is_a_failed_check_that_names_it()
    {
        var result = await CliHarness.Run("device", "enroll", "--relay", "https://127.0.0.1:1", "--code", Code, "--ca-fingerprint", s_fingerprint, "--site", Site, "--out", _folder.File("out"));

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("Cannot reach the relay at https://127.0.0.1:1/: connection refused", result.Problem, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder.File("out/tls")));
    }

    [Fact]
    public async Task An_invalid_site_file_stops_it_before_the_relay_is_asked()
    {
        var cli = new CliHarness();
        var site = SiteYaml.Write(_folder, "site: { id: Mairie }\n", "bad.yaml");

        var result = await cli.RunAsync("device", "enroll", "--relay", "https://127.0.0.1:1", "--code", Code, "--ca-fingerprint", s_fingerprint, "--site", site, "--out", _folder.File("out"));

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("is not a valid site file", result.Problem, StringComparison.Ordinal);
        Assert.Empty(cli.HttpRequests);
    }

    [Theory]
    [InlineData("sha256:3F1C0D5E00000000000000000000000000000000000000000000000000000000", "sha256:3f1c0d5e00000000000000000000000000000000000000000000000000000000")]
    [InlineData("SHA256:3f:1c:0d:5e:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00", "sha256:3f1c0d5e00000000000000000000000000000000000000000000000000000000")]
    [InlineData("3f1c0d5e00000000000000000000000000000000000000000000000000000000", null)]
    [InlineData("sha256:3f1c", null)]
    [InlineData("sha1:3f1c0d5e00000000000000000000000000000000", null)]
    public void Fingerprints_are_read_as_typed(string typed, string? expected)
    {
        Assert.Equal(expected is not null, CaFingerprint.TryNormalize(typed, out var fingerprint));
        Assert.Equal(expected, fingerprint);
    }

    [Theory]
    [InlineData(HttpStatusCode.Gone, "code-expired", "has expired")]
    [InlineData(HttpStatusCode.Gone, "code-used", "already used")]
    [InlineData(HttpStatusCode.Unauthorized, "unknown-code", "does not know this enrolment code")]
    [InlineData(HttpStatusCode.TooManyRequests, "rate-limited", "Wait a minute")]
    [InlineData(HttpStatusCode.TooManyRequests, null, "Wait a minute")]
    [InlineData(HttpStatusCode.BadRequest, "invalid-csr", "The code is still valid")]
    [InlineData(HttpStatusCode.BadRequest, "identity-mismatch", "another box than this one")]
    [InlineData(HttpStatusCode.InternalServerError, null, "HTTP 500")]
    public void Every_refusal_code_has_its_message(HttpStatusCode status, string? code, string expected)
    {
        var refusal = EnrolmentRefusals.For(status, code, detail: null, new BoxIdentity("mairie-essai", "accueil-1", "site.yaml"));

        Assert.Contains(expected, refusal.Message + " " + refusal.Hint, StringComparison.Ordinal);
    }
}

/// <summary>A relay that allows one enrolment attempt a minute per address: the installer is told to wait.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DeviceEnrollRateLimitTests : IDisposable
{
    private readonly TestFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Too_many_attempts_ask_the_installer_to_wait()
    {
        await using var relay = await TestRelay.StartAsync("--Relay:Enrolment:AttemptsPerMinute=1");
        var (code, fingerprint) = await relay.CreateCodeAsync("mairie-essai", "presse");
        var site = SiteYaml.Write(_folder, SiteYaml.Box("mairie-essai", "presse"));

        // GET /api/enroll/ca takes the one attempt of this minute; the POST is refused.
        var result = await CliHarness.Run("device", "enroll", "--relay", relay.HttpsAddress.ToString(), "--code", code, "--ca-fingerprint", fingerprint, "--site", site, "--out", _folder.File("out"));

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("refuses more enrolment attempts from this address", result.Problem, StringComparison.Ordinal);
        Assert.Contains("Wait a minute, then run the same command again: the code is unchanged.", result.Problem, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder.File("out/tls")));
    }
}
