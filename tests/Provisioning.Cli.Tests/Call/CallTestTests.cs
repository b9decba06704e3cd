using Hardware.Sip.Tests.Peers;
using Provisioning.Cli.Output;
using Provisioning.Cli.Tests.Support;

namespace Provisioning.Cli.Tests.Call;

/// <summary>
/// Test calls placed with the site file's account to real SIPp callees on 127.0.0.1 (Debian package sip-tester), with
/// the scenarios and helpers of Hardware.Sip's tests (linked, not copied).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix permissions, as on the box
public sealed class CallTestTests : IDisposable
{
    private const string Password = "n0t-to-be-pr1nted";

    private readonly TestFolder _folder = new();

    [Fact]
    public async Task Answered_and_acknowledged_with_dtmf_1_exits_0_and_shows_every_step()
    {
        await using var sipp = await SippPeer.StartUasAsync("uas_dtmf.xml");
        var site = SiteYaml.Write(_folder, SiteYaml.WithPhone($"127.0.0.1:{sipp.Port}"));
        var secrets = StoreSipPassword();

        var result = await CliHarness.Run("call", "test", "17", "--site", site, "--secrets-dir", secrets, "--ring-timeout", "10s");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains($"sip:17@127.0.0.1:{sipp.Port}", result.Out, StringComparison.Ordinal);
        Assert.Contains("given (not shown)", result.Out, StringComparison.Ordinal);
        AssertInOrder(result.Out, "calling", "ringing", "180 Ringing", "answered", "200 OK", "DTMF received", "'1'", "hung up (us)", "ended");
        Assert.Contains("acknowledged: the callee pressed 1", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result.All, StringComparison.Ordinal);
        Assert.Equal(0, await sipp.WaitForExitAsync()); // SIPp saw our ACK and BYE as scripted
    }

    [Fact]
    public async Task Busy_exits_1_and_says_busy()
    {
        await using var sipp = await SippPeer.StartUasAsync("uas_busy.xml");
        var site = SiteYaml.Write(_folder, SiteYaml.WithPhone($"127.0.0.1:{sipp.Port}"));

        var result = await new CliHarness { StandardInput = Password + "\n" }.RunAsync("call", "test", "police", "--site", site, "--password-stdin", "--ring-timeout", "10s");

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.Contains($"sip:police@127.0.0.1:{sipp.Port}", result.Out, StringComparison.Ordinal);
        Assert.Contains("rejected", result.Out, StringComparison.Ordinal);
        Assert.Contains("busy: 486 Busy Here", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result.All, StringComparison.Ordinal);
        Assert.Equal(0, await sipp.WaitForExitAsync());
    }

    [Fact]
    public async Task Nothing_listening_is_unreachable_with_what_to_check()
    {
        var closedPort = FreePorts.Next();
        var site = SiteYaml.Write(_folder, SiteYaml.WithPhone($"127.0.0.1:{closedPort}"));

        var result = await new CliHarness { StandardInput = Password + "\n" }.RunAsync("call", "test", "17", "--site", site, "--password-stdin", "--ring-timeout", "1s");

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.Contains("unreachable", result.Error, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{closedPort}", result.Error, StringComparison.Ordinal);
        Assert.Contains("phone.server", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_tcp_a_refused_connection_is_unreachable_at_once()
    {
        var closedPort = FreePorts.Next();
        var site = SiteYaml.Write(_folder, SiteYaml.WithPhone($"127.0.0.1:{closedPort}", transport: "tcp"));

        var result = await new CliHarness { StandardInput = Password + "\n" }.RunAsync("call", "test", "17", "--site", site, "--password-stdin", "--ring-timeout", "5s");

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.Contains("unreachable", result.Error, StringComparison.Ordinal);
        Assert.Contains("over tcp", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_not_stored_is_exit_1_with_how_to_store_it()
    {
        var site = SiteYaml.Write(_folder, SiteYaml.WithPhone("127.0.0.1:5062"));

        var result = await CliHarness.Run("call", "test", "17", "--site", site, "--secrets-dir", _folder.File("secrets"));

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("secret 'sip-accueil'", result.Error, StringComparison.Ordinal);
        Assert.Contains("EDGE_SECRET_SIP_ACCUEIL", result.Error, StringComparison.Ordinal);
        Assert.Contains("provision secret set sip-accueil", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_site_without_a_phone_section_is_exit_1()
    {
        var site = SiteYaml.Write(_folder, SiteYaml.Bench);

        var result = await CliHarness.Run("call", "test", "17", "--site", site);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("no phone section", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("17", "--password-stdin", "--secrets-dir", "/tmp")]
    [InlineData("17", "--ack-digit", "x")]
    [InlineData("sips:17@127.0.0.1")]
    [InlineData("not a number")]
    public async Task Usage_errors_exit_2(params string[] args)
    {
        var site = SiteYaml.Write(_folder, SiteYaml.WithPhone("127.0.0.1:5062"));

        var result = await new CliHarness { StandardInput = Password + "\n" }.RunAsync(["call", "test", .. args, "--site", site]);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
    }

    public void Dispose() => _folder.Dispose();

    private string StoreSipPassword()
    {
        var secrets = _folder.File("secrets");
        Directory.CreateDirectory(secrets);
        File.SetUnixFileMode(secrets, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(Path.Combine(secrets, "sip-accueil"), Password + "\n");
        return secrets;
    }

    private static void AssertInOrder(string text, params string[] parts)
    {
        var at = 0;
        foreach (var part in parts)
        {
            var found = text.IndexOf(part, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"'{part}' not found after position {at} in:\n{text}");
            at = found + part.Length;
        }
    }
}
