using MQTTnet;
using Relay.Core.Devices;
using Relay.Testing;
using Relay.Web.Admin;
using static Relay.Testing.TestMessages;

namespace Relay.Web.Tests;

/// <summary>The admin command line of the relay executable, then the relay itself on the same store.</summary>
public sealed class AdminCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string StorePath => _directory.File("relay.db");

    private async Task<(int Code, string Output, string Error)> RunAsync(string input, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await RelayAdmin.RunAsync(["devices", .. args, "--store", StorePath], new StringReader(input), output, error, TestContext.Current.CancellationToken);
        return (code, output.ToString(), error.ToString());
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("enroll-code", "--help")]
    public async Task Help_GoesToStandardOutput_WithSuccess(params string[] args)
    {
        var (code, output, error) = await RunAsync("", args);

        Assert.Equal(0, code);
        Assert.Contains("enroll-code", output, StringComparison.Ordinal);
        Assert.Empty(error);
    }

    [Fact]
    public async Task NoCommand_IsAUsageError_WithTheHelpOnStandardError()
    {
        var (code, output, error) = await RunAsync("");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("enroll-code", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevicesAdd_PrintsAGeneratedPasswordOnce_ThatTheDeviceThenConnectsWith()
    {
        var (code, output, _) = await RunAsync("", "add", "mairie-centre", "accueil");
        var password = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
        var (listCode, list, _) = await RunAsync("", "list");

        Assert.Equal(0, code);
        Assert.Contains("mairie-centre.accueil", output, StringComparison.Ordinal);
        Assert.True(password.Length >= 32);
        Assert.Equal(0, listCode);
        Assert.Contains("mairie-centre.accueil", list, StringComparison.Ordinal);
        Assert.DoesNotContain(password, list, StringComparison.Ordinal);

        await using var relay = await RunningRelay.StartAsync([], StorePath);
        await using var box = new TestDevice(new DeviceId("mairie-centre", "accueil"), password, relay.MqttPort);
        await box.ConnectAndSubscribeAsync();
        var receipt = await box.PublishEventAndAwaitReceiptAsync(Raised(box.Site, box.Device, 1, Guid.CreateVersion7()));
        Assert.Single(receipt.Events);
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword,
            await new TestDevice(new DeviceId("mairie-centre", "accueil"), "guessed-password", relay.MqttPort).ConnectAsync());
    }

    [Fact]
    public async Task DevicesAdd_WithPasswordStdin_UsesThatPassword_AndDoesNotPrintIt()
    {
        var (code, output, _) = await RunAsync("a-password-from-stdin\n", "add", "ecole-jaures", "loge", "--password-stdin");

        Assert.Equal(0, code);
        Assert.DoesNotContain("a-password-from-stdin", output, StringComparison.Ordinal);
        await using var relay = await RunningRelay.StartAsync([], StorePath);
        await using var box = new TestDevice(new DeviceId("ecole-jaures", "loge"), "a-password-from-stdin", relay.MqttPort);
        Assert.Equal(MqttClientConnectResultCode.Success, await box.ConnectAsync());
    }

    [Fact]
    public async Task DevicesAdd_Twice_FailsWithoutChangingThePassword_AndRemoveWorks()
    {
        await RunAsync("first-password-123\n", "add", "mairie-centre", "accueil", "--password-stdin");

        var again = await RunAsync("", "add", "mairie-centre", "accueil");
        var removed = await RunAsync("", "remove", "mairie-centre", "accueil");
        var removedAgain = await RunAsync("", "remove", "mairie-centre", "accueil");

        Assert.Equal(1, again.Code);
        Assert.Contains("already registered", again.Error, StringComparison.Ordinal);
        Assert.Equal(0, removed.Code);
        Assert.Equal(1, removedAgain.Code);
    }

    [Theory]
    [InlineData("add", "Mairie", "accueil")]
    [InlineData("add", "mairie.centre", "accueil")]
    [InlineData("frobnicate")]
    public async Task BadArguments_AreAUsageError(params string[] args)
    {
        var (code, _, error) = await RunAsync("", args);

        Assert.Equal(2, code);
        Assert.NotEmpty(error);
    }

    [Fact]
    public async Task DevicesAcl_WritesExplicitUserBlocks()
    {
        await RunAsync("password-number-one\n", "add", "mairie-centre", "accueil", "--password-stdin");

        var (code, acl, _) = await RunAsync("", "acl", "--relay-user", "relay-1");

        Assert.Equal(0, code);
        Assert.Contains("user relay-1\ntopic read edge/v1/+/+/alerts\n", acl, StringComparison.Ordinal);
        Assert.Contains("user mairie-centre.accueil\ntopic write edge/v1/mairie-centre/accueil/alerts\n", acl, StringComparison.Ordinal);
        Assert.Contains("topic read edge/v1/mairie-centre/accueil/commands\n", acl, StringComparison.Ordinal);
        Assert.DoesNotContain("pattern", acl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminCommand_OnTheStoreOfARunningRelay_FailsClearly()
    {
        await using var relay = await RunningRelay.StartAsync([], StorePath);

        var (code, _, error) = await RunAsync("", "list");

        Assert.Equal(1, code);
        Assert.Contains("one process per file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnrollCode_PrintsACodeThatABoxEnrolsWith_AndRevoke_RefusesTheBoxFromTheNextStart()
    {
        var device = new DeviceId("mairie-centre", "accueil");
        var (code, output, _) = await RunAsync("", "enroll-code", "mairie-centre", "accueil", "--valid", "2h");
        var enrolmentCode = System.Text.RegularExpressions.Regex.Match(output, "[0-9A-Z]{4}(-[0-9A-Z]{4}){4}").Value;
        var fingerprint = System.Text.RegularExpressions.Regex.Match(output, "sha256:[0-9a-f]{64}").Value;
        Assert.Equal(0, code);
        Assert.NotEmpty(enrolmentCode);

        BoxCredentials credentials;
        await using (var relay = await RunningRelay.StartAsync([], StorePath))
        {
            // Plain HTTP is fine on loopback; the CA the box gets must be the one whose fingerprint the command printed.
            using var anonymous = await relay.AnonymousAsync();
            var (key, csr) = BoxKeys.NewRequest(null);
            using var _ = key;
            using var response = await anonymous.PostAsync("/api/enroll", new { code = enrolmentCode, csr });
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
            var body = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(response.Content, TestContext.Current.CancellationToken);
            var ca = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(body.GetProperty("caCertificate").GetString());
            Assert.Equal(fingerprint, Relay.Core.Certificates.Fingerprints.Of(ca));
            credentials = new BoxCredentials(BoxKeys.WithKey(body.GetProperty("certificate").GetString()!, key), ca);
            await using var box = new TestDevice(device, "", relay.MqttTlsPort, tls: credentials);
            Assert.Equal(MqttClientConnectResultCode.Success, await box.ConnectAsync());
        }

        var revoked = await RunAsync("", "revoke", "mairie-centre", "accueil", "--comment", "box replaced");
        var (_, list, _) = await RunAsync("", "list");
        Assert.Equal(0, revoked.Code);
        Assert.Contains(Relay.Core.Certificates.SerialNumbers.Of(credentials.Certificate), revoked.Output, StringComparison.Ordinal);
        Assert.Contains("mairie-centre.accueil", list, StringComparison.Ordinal);
        Assert.Contains("certificate=none", list, StringComparison.Ordinal);

        await using (var relay = await RunningRelay.StartAsync([], StorePath))
        {
            await using var box = new TestDevice(device, "", relay.MqttTlsPort, tls: credentials);
            Assert.Null(await box.TryConnectAsync());
            var actions = (await relay.Admin.GetJsonAsync("/api/audit?target=device:mairie-centre.accueil")).EnumerateArray().Select(e => (e.GetProperty("action").GetString(), e.GetProperty("actor").GetString())).ToList();
            Assert.Contains(("enrolment-code-create", $"cli:{Environment.UserName}"), actions);
            Assert.Contains(("device-revoke", $"cli:{Environment.UserName}"), actions);
        }
    }

    [Fact]
    public async Task ExportMosquitto_WritesTheTlsListenerFiles_KeyOwnerOnly()
    {
        await RunAsync("", "enroll-code", "mairie-centre", "accueil");
        await RunAsync("password-number-one\n", "add", "ecole-jaures", "loge", "--password-stdin");
        var directory = _directory.File("mosquitto");

        var (code, output, _) = await RunAsync("", "export-mosquitto", "--out", directory, "--tls-port", "8884");

        Assert.Equal(0, code);
        Assert.Contains("relay user 'relay'", output, StringComparison.Ordinal);
        var conf = await File.ReadAllTextAsync(Path.Combine(directory, "mosquitto.conf"), TestContext.Current.CancellationToken);
        foreach (var line in new[] { "listener 8884", "require_certificate true", "use_identity_as_username true", "allow_anonymous false",
                     $"cafile {Path.Combine(directory, "ca.crt")}", $"crlfile {Path.Combine(directory, "crl.pem")}", $"keyfile {Path.Combine(directory, "server.key")}" })
        {
            Assert.Contains(line + "\n", conf, StringComparison.Ordinal);
        }

        Assert.Contains("user ecole-jaures.loge\n", await File.ReadAllTextAsync(Path.Combine(directory, "relay.acl"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
        System.Security.Cryptography.X509Certificates.CertificateRevocationListBuilder.LoadPem(
            await File.ReadAllTextAsync(Path.Combine(directory, "crl.pem"), TestContext.Current.CancellationToken), out _);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, "server.key")));
        }
    }

    [Theory]
    [InlineData("30m", 30)]
    [InlineData("12h", 720)]
    [InlineData("7d", 10080)]
    [InlineData("01:00:00", 60)]
    public void Durations_AreReadTheWayInstallersWriteThem(string text, int minutes)
    {
        Assert.True(DeviceCertificateAdmin.TryParseDuration(text, out var duration));
        Assert.Equal(TimeSpan.FromMinutes(minutes), duration);
    }
}
