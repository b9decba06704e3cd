using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Edge.Contracts.Messages;
using Provisioning.Cli.Output;
using Provisioning.Cli.Tests.Support;

namespace Provisioning.Cli.Tests.Device;

/// <summary>
/// <c>device enroll</c> against the real relay (HTTPS, its CA pinned by fingerprint, one-time codes), then the real box
/// started on what it wrote: a press on the virtual board reaches the relay over MQTT/TLS with the issued certificate.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix permissions, as on the box
public sealed class DeviceEnrollTests(EnrolmentRelayFixture fixture) : IClassFixture<EnrolmentRelayFixture>, IDisposable
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TestFolder _folder = new();

    private TestRelay Relay => fixture.Relay;

    /// <summary>Stands for /etc/panic-edge.</summary>
    private string Out => _folder.File("etc-panic-edge");

    private string Tls => Path.Combine(Out, "tls");

    public void Dispose() => _folder.Dispose();

    private string SiteFile(string site, string device) => SiteYaml.Write(_folder, SiteYaml.Box(site, device), $"{site}.{device}.yaml");

    private Task<CliResult> EnrolAsync(CliHarness cli, string code, string fingerprint, string siteFile, params string[] extra) =>
        cli.RunAsync(["device", "enroll", "--relay", Relay.HttpsAddress.ToString(), "--code", code, "--ca-fingerprint", fingerprint, "--site", siteFile, "--out", Out, .. extra]);

    [Fact]
    public async Task Enrolled_box_stores_an_owner_only_identity_and_links_to_the_relay_over_TLS_with_it()
    {
        const string site = "mairie-essai";
        const string device = "accueil-1";
        var (code, fingerprint) = await Relay.CreateCodeAsync(site, device);
        var siteFile = SiteFile(site, device);

        // Settings already there are kept; the password link they describe gives way to the certificate.
        Directory.CreateDirectory(Out);
        await File.WriteAllTextAsync(Path.Combine(Out, "edge.json"), """
            {
              // written by hand on the box
              "Logging": { "LogLevel": { "Default": "Warning" } },
              "Edge": { "Uplink": { "Host": "old-relay.example", "Password": "an-old-device-password", "ReceiptTimeout": "00:00:05" } },
            }
            """, TestContext.Current.CancellationToken);
        var cli = new CliHarness();

        var result = await EnrolAsync(cli, code, fingerprint, siteFile);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal(["GET /api/enroll/ca", "POST /api/enroll"], cli.HttpRequests);
        Assert.DoesNotContain(code, result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE KEY", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("an-old-device-password", result.All, StringComparison.Ordinal);
        Assert.Contains($"enrolled this box as {site}.{device}", result.Out, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{Relay.MqttTlsPort}", result.Out.Replace("localhost", "127.0.0.1", StringComparison.Ordinal), StringComparison.Ordinal);

        // Files: owner-only folder and key; the certificate is this box's, for its key, chained to the pinned CA.
        Assert.Equal(OwnerOnlyFolder, File.GetUnixFileMode(Tls));
        Assert.Equal(OwnerOnlyFile, File.GetUnixFileMode(Path.Combine(Tls, "box.key")));
        Assert.Empty(Directory.GetFiles(Tls, ".*"));
        using var ca = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(Tls, "ca.crt"), TestContext.Current.CancellationToken));
        Assert.Equal(fingerprint, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(ca.RawData)));
        using var certificate = X509Certificate2.CreateFromPemFile(Path.Combine(Tls, "box.crt"), Path.Combine(Tls, "box.key"));
        Assert.True(certificate.HasPrivateKey);
        Assert.Equal($"CN={site}.{device}", certificate.Subject);
        Assert.Contains(certificate.SerialNumber, result.Out, StringComparison.Ordinal);
        using (var chain = new X509Chain())
        {
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.ApplicationPolicy.Add(new System.Security.Cryptography.Oid("1.3.6.1.5.5.7.3.2"));
            Assert.True(chain.Build(certificate), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        }

        // edge.json: the uplink over TLS with those files, the rest kept.
        var settings = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Out, "edge.json"), TestContext.Current.CancellationToken))!;
        var uplink = settings["Edge"]!["Uplink"]!;
        Assert.True(uplink["Enabled"]!.GetValue<bool>());
        Assert.True(uplink["UseTls"]!.GetValue<bool>());
        Assert.Equal(Relay.MqttTlsPort, uplink["Port"]!.GetValue<int>());
        Assert.Equal("localhost", uplink["Host"]!.GetValue<string>());
        Assert.Equal(Path.Combine(Tls, "ca.crt"), uplink["CaCertificateFile"]!.GetValue<string>());
        Assert.Equal(Path.Combine(Tls, "box.crt"), uplink["ClientCertificateFile"]!.GetValue<string>());
        Assert.Equal(Path.Combine(Tls, "box.key"), uplink["ClientKeyFile"]!.GetValue<string>());
        Assert.Null(uplink["Password"]);
        Assert.Equal("00:00:05", uplink["ReceiptTimeout"]!.GetValue<string>());
        Assert.Equal("Warning", settings["Logging"]!["LogLevel"]!["Default"]!.GetValue<string>());
        Assert.Contains("Removed from Edge:Uplink: Password", result.Out, StringComparison.Ordinal);

        // The box itself, on what was written: a press reaches the relay, and the relay's receipt empties the outbox.
        await using var box = await TestBox.StartAsync(siteFile, Path.Combine(Out, "edge.json"));
        await Waits.UntilAsync(box.StatusAsync, s => s.GetProperty("link").GetProperty("connected").GetBoolean(), "the box's link to the relay");
        await box.PressAsync("accueil");

        var stored = await Waits.UntilAsync(() => Relay.StoredEventsAsync(site, device), e => e.Any(x => x.Kind == AlertEventKind.Raised), "the press stored at the relay");
        var status = await Waits.UntilAsync(box.StatusAsync, s => s.GetProperty("outbox").GetProperty("pendingEvents").GetInt32() == 0, "the box's outbox to drain");
        Assert.Equal("accueil", stored.First(e => e.Kind == AlertEventKind.Raised).Button);
        Assert.True(status.GetProperty("link").GetProperty("connected").GetBoolean());
        var delivery = status.GetProperty("link").GetProperty("delivery");
        Assert.True(delivery.GetProperty("sent").GetInt64() >= 1, delivery.GetRawText());
        Assert.True(delivery.GetProperty("receipts").GetInt64() >= 1, delivery.GetRawText());

        // Only the TLS endpoint could have taken it: the relay knows this box by its certificate, with no password.
        Assert.False((await Relay.DeviceAsync(site, device))!.HasPassword);
    }

    [Fact]
    public async Task A_revoked_box_is_refused_at_its_next_connection()
    {
        const string site = "mairie-essai";
        const string device = "revoque";
        var (code, fingerprint) = await Relay.CreateCodeAsync(site, device);
        var siteFile = SiteFile(site, device);
        Assert.Equal(ExitCodes.Success, (await EnrolAsync(new CliHarness(), code, fingerprint, siteFile)).ExitCode);
        await using var box = await TestBox.StartAsync(siteFile, Path.Combine(Out, "edge.json"));
        await Waits.UntilAsync(box.StatusAsync, s => s.GetProperty("link").GetProperty("connected").GetBoolean(), "the box's link to the relay");
        var deniedBefore = await Relay.DeniedAsync("tls-certificate-revoked");

        var revoked = await Relay.RevokeAsync(site, device);

        Assert.Single(revoked.Revoked);
        await Waits.UntilAsync(() => Relay.DeniedAsync("tls-certificate-revoked"), n => n > deniedBefore, "the broker to refuse the revoked certificate");
        var status = await Waits.UntilAsync(
            box.StatusAsync,
            s => !s.GetProperty("link").GetProperty("connected").GetBoolean() && s.GetProperty("link").TryGetProperty("lastError", out var e) && e.ValueKind == JsonValueKind.String,
            "the box to report its refused link");
        Assert.False(string.IsNullOrWhiteSpace(status.GetProperty("link").GetProperty("lastError").GetString()));
    }

    [Fact]
    public async Task A_used_code_and_an_existing_identity_are_refused_and_force_enrols_again()
    {
        const string site = "ecole-jaures";
        const string device = "loge";
        var siteFile = SiteFile(site, device);
        var (first, fingerprint) = await Relay.CreateCodeAsync(site, device);
        Assert.Equal(ExitCodes.Success, (await EnrolAsync(new CliHarness(), first, fingerprint, siteFile)).ExitCode);
        var key = await File.ReadAllBytesAsync(Path.Combine(Tls, "box.key"), TestContext.Current.CancellationToken);
        var (second, _) = await Relay.CreateCodeAsync(site, device);

        var withoutForce = new CliHarness();
        var existing = await EnrolAsync(withoutForce, second, fingerprint, siteFile);
        var reused = await EnrolAsync(new CliHarness(), first, fingerprint, siteFile, "--force");

        Assert.Equal(ExitCodes.Failed, existing.ExitCode);
        Assert.Contains($"already enrolled as {site}.{device}", existing.Problem, StringComparison.Ordinal);
        Assert.Contains("--force", existing.Problem, StringComparison.Ordinal);
        Assert.Empty(withoutForce.HttpRequests);
        Assert.Equal(ExitCodes.Failed, reused.ExitCode);
        Assert.Contains("already used: codes are single-use", reused.Problem, StringComparison.Ordinal);
        Assert.Contains($"Ask the relay's administrator for a new code for site '{site}', device '{device}'", reused.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain(first, reused.All, StringComparison.Ordinal);
        Assert.Equal(key, await File.ReadAllBytesAsync(Path.Combine(Tls, "box.key"), TestContext.Current.CancellationToken));
        Assert.Empty(Directory.GetFiles(Tls, ".*"));

        // The code the refusal left unused enrols the box again: a new key, and the relay supersedes the old certificate.
        var again = await EnrolAsync(new CliHarness(), second, fingerprint, siteFile, "--force");

        Assert.True(again.ExitCode == ExitCodes.Success, again.ToString());
        Assert.NotEqual(key, await File.ReadAllBytesAsync(Path.Combine(Tls, "box.key"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_wrong_code_is_refused_with_what_to_check()
    {
        var (_, fingerprint) = await Relay.CreateCodeAsync("mairie-essai", "mauvais-code");

        var result = await EnrolAsync(new CliHarness(), "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ", fingerprint, SiteFile("mairie-essai", "mauvais-code"));

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("does not know this enrolment code", result.Problem, StringComparison.Ordinal);
        Assert.Contains("ask the relay's administrator for a new code", result.Problem, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ZZZZ", result.All, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Out, "edge.json")));
        Assert.Empty(Directory.GetFiles(Tls));
    }

    [Fact]
    public async Task A_wrong_fingerprint_stops_before_the_code_is_sent()
    {
        var (code, fingerprint) = await Relay.CreateCodeAsync("mairie-essai", "empreinte");
        var siteFile = SiteFile("mairie-essai", "empreinte");
        var other = "sha256:" + new string('0', 64);
        var cli = new CliHarness();

        var result = await EnrolAsync(cli, code, other, siteFile);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Equal(["GET /api/enroll/ca"], cli.HttpRequests);
        Assert.Contains($"its fingerprint is {fingerprint}, not {other}", result.Problem, StringComparison.Ordinal);
        Assert.Contains("man in the middle", result.Problem, StringComparison.Ordinal);
        Assert.Contains("the code was not used", result.Problem, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Tls));

        // And indeed: the same code still enrols the box once the right fingerprint is given.
        Assert.Equal(ExitCodes.Success, (await EnrolAsync(new CliHarness(), code, fingerprint.ToUpperInvariant().Replace("SHA256:", "sha256:", StringComparison.Ordinal), siteFile)).ExitCode);
    }

    [Fact]
    public async Task A_code_for_another_box_says_which_box_it_is_for()
    {
        var (code, fingerprint) = await Relay.CreateCodeAsync("mairie-essai", "etage-2");

        var result = await EnrolAsync(new CliHarness(), code, fingerprint, SiteFile("mairie-essai", "etage-1"));

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("This enrolment code is for mairie-essai.etage-2, but the site file", result.Problem, StringComparison.Ordinal);
        Assert.Contains("device 'etage-1' (mairie-essai.etage-1)", result.Problem, StringComparison.Ordinal);
        Assert.Contains("the code is still valid", result.Problem, StringComparison.Ordinal);
    }
}
