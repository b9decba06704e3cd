using Provisioning.Cli.Output;
using Provisioning.Cli.Tests.Support;

namespace Provisioning.Cli.Tests.Secret;

/// <summary>Secrets stored as the box reads them (folder 0700, file 0600, value as is), and never printed.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix permissions, as on the box
public sealed class SecretTests : IDisposable
{
    private const string Value = "Tr0ub4dor&3-n0t-printed";

    private readonly TestFolder _folder = new();

    private string Secrets => _folder.File("secrets");

    [Fact]
    public async Task Set_creates_an_owner_only_folder_and_file_with_the_value_as_the_box_reads_it()
    {
        var cli = new CliHarness { StandardInput = Value + "\n" };

        var result = await cli.RunAsync("secret", "set", "sip-accueil", "--value-stdin", "--dir", Secrets);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Secrets));
        var file = Path.Combine(Secrets, "sip-accueil");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        Assert.Equal(Value, await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
        Assert.Contains("stored secret 'sip-accueil'", result.Out, StringComparison.Ordinal);
        Assert.Contains("EDGE_SECRET_SIP_ACCUEIL", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Value, result.All, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(Secrets, ".*"));
    }

    [Fact]
    public async Task Set_again_replaces_the_value_and_keeps_it_owner_only()
    {
        await new CliHarness { StandardInput = "old\n" }.RunAsync("secret", "set", "camera-hall", "--value-stdin", "--dir", Secrets);
        File.SetUnixFileMode(Path.Combine(Secrets, "camera-hall"), (UnixFileMode)Convert.ToInt32("644", 8));

        var result = await new CliHarness { StandardInput = Value + "\r\n" }.RunAsync("secret", "set", "camera-hall", "--value-stdin", "--dir", Secrets);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("replaced secret 'camera-hall'", result.Out, StringComparison.Ordinal);
        Assert.Equal(Value, await File.ReadAllTextAsync(Path.Combine(Secrets, "camera-hall"), TestContext.Current.CancellationToken));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Secrets, "camera-hall")));
    }

    [Fact]
    public async Task Set_refuses_a_folder_other_users_can_open_and_writes_nothing()
    {
        Directory.CreateDirectory(Secrets);
        File.SetUnixFileMode(Secrets, (UnixFileMode)Convert.ToInt32("755", 8));

        var result = await new CliHarness { StandardInput = Value + "\n" }.RunAsync("secret", "set", "sip-accueil", "--value-stdin", "--dir", Secrets);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("can be opened by other users (mode 0755)", result.Error, StringComparison.Ordinal);
        Assert.Contains($"chmod 700 {Secrets}", result.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(Secrets));
    }

    [Theory]
    [InlineData("bad/name")]
    [InlineData("..")]
    [InlineData(".hidden")]
    [InlineData("with space")]
    [InlineData("é-accent")]
    [InlineData("under_score")]
    public async Task Set_refuses_a_name_the_box_could_not_read_exit_2(string name)
    {
        var result = await new CliHarness { StandardInput = Value + "\n" }.RunAsync("secret", "set", name, "--value-stdin", "--dir", Secrets);

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("not a valid secret name", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Secrets));
    }

    [Fact]
    public async Task Set_without_a_value_is_a_usage_error()
    {
        var emptyStdin = await new CliHarness().RunAsync("secret", "set", "sip-accueil", "--value-stdin", "--dir", Secrets);
        var emptyLine = await new CliHarness { StandardInput = "\n" }.RunAsync("secret", "set", "sip-accueil", "--value-stdin", "--dir", Secrets);
        var noTerminal = await new CliHarness().RunAsync("secret", "set", "sip-accueil", "--dir", Secrets);

        Assert.Equal(ExitCodes.Usage, emptyStdin.ExitCode);
        Assert.Equal(ExitCodes.Usage, emptyLine.ExitCode);
        Assert.Equal(ExitCodes.Usage, noTerminal.ExitCode);
        Assert.Contains("--value-stdin", noTerminal.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Secrets, "sip-accueil")));
    }

    [Fact]
    public async Task At_a_terminal_the_value_is_asked_twice_hidden()
    {
        var cli = new CliHarness().AsInteractive();
        cli.Error.Input.PushTextWithEnter(Value);
        cli.Error.Input.PushTextWithEnter(Value);

        var result = await cli.RunAsync("secret", "set", "sip-accueil", "--dir", Secrets);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal(Value, await File.ReadAllTextAsync(Path.Combine(Secrets, "sip-accueil"), TestContext.Current.CancellationToken));
        Assert.DoesNotContain(Value, result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_shows_names_and_modes_never_values()
    {
        await new CliHarness { StandardInput = Value + "\n" }.RunAsync("secret", "set", "sip-accueil", "--value-stdin", "--dir", Secrets);
        await new CliHarness { StandardInput = "other\n" }.RunAsync("secret", "set", "camera-hall", "--value-stdin", "--dir", Secrets);

        var result = await CliHarness.Run("secret", "list", "--dir", Secrets);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains(result.Out.Split('\n'), l => l.Contains("sip-accueil", StringComparison.Ordinal) && l.Contains("0600", StringComparison.Ordinal) && l.Contains("EDGE_SECRET_SIP_ACCUEIL", StringComparison.Ordinal));
        Assert.Contains("camera-hall", result.Out, StringComparison.Ordinal);
        Assert.Contains("2 secret(s)", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Value, result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("other", result.All.Replace("other users", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task List_of_a_folder_not_made_yet_says_so_exit_0()
    {
        var result = await CliHarness.Run("secret", "list", "--dir", Secrets);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("No secret stored yet", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_lists_the_secrets_the_site_names_and_fails_on_a_missing_one()
    {
        var site = SiteYaml.Write(_folder, SiteYaml.WithPhone("127.0.0.1:5062"));
        await new CliHarness { StandardInput = Value + "\n" }.RunAsync("secret", "set", "sip-accueil", "--value-stdin", "--dir", Secrets);

        var missing = await CliHarness.Run("secret", "check", "--site", site, "--dir", Secrets);
        await new CliHarness { StandardInput = "9999\n" }.RunAsync("secret", "set", "camera-hall", "--value-stdin", "--dir", Secrets);
        var complete = await CliHarness.Run("secret", "check", "--site", site, "--dir", Secrets);

        Assert.True(missing.ExitCode == ExitCodes.Failed, missing.ToString());
        Assert.Contains(missing.Out.Split('\n'), l => l.Contains("camera-hall", StringComparison.Ordinal) && l.Contains("camera hall", StringComparison.Ordinal) && l.Contains("MISSING", StringComparison.Ordinal));
        Assert.Contains(missing.Out.Split('\n'), l => l.Contains("sip-accueil", StringComparison.Ordinal) && l.Contains("phone accueil-1@127.0.0.1:5062", StringComparison.Ordinal) && l.Contains("present", StringComparison.Ordinal));
        Assert.Contains("provision secret set camera-hall --value-stdin", missing.Error, StringComparison.Ordinal);
        Assert.True(complete.ExitCode == ExitCodes.Success, complete.ToString());
        Assert.Contains("all 2 secret(s)", complete.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(Value, missing.All + complete.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_of_a_site_without_secrets_is_fine()
    {
        var site = SiteYaml.Write(_folder, SiteYaml.Bench);

        var result = await CliHarness.Run("secret", "check", "--site", site, "--dir", Secrets);

        Assert.Equal(ExitCodes.Success, result.ExitCode);
        Assert.Contains("names no secret", result.Out, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
