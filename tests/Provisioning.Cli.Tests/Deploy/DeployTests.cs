using Provisioning.Cli.Output;
using Provisioning.Cli.Tests.Support;

namespace Provisioning.Cli.Tests.Deploy;

/// <summary>
/// The deploy as printed commands (--dry-run), and as files installed under a folder standing for the box's root
/// (--target-root), from a fake build: the same file commands a real deploy runs, without users or systemd.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix permissions, as on the box
public sealed class DeployTests : IDisposable
{
    private readonly TestFolder _folder = new();

    private string Root => _folder.File("root");

    [Fact]
    public async Task Dry_run_prints_the_numbered_commands_and_runs_none()
    {
        var site = SiteYaml.Write(_folder, SiteYaml.Bench);
        var publish = _folder.File("publish");

        var result = await CliHarness.Run("deploy", "--site", site, "--dry-run", "--publish-dir", publish);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var lines = result.Out.Split('\n');
        Assert.Contains("--dry-run: nothing was run.", result.Out, StringComparison.Ordinal);
        Assert.StartsWith(" 1. dotnet publish ", lines.Single(l => l.Contains("dotnet publish", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Contains($"edge/Edge.Worker -c Release -r linux-arm64 --self-contained true -o {publish}", result.Out, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains(". useradd --system --user-group --groups gpio", StringComparison.Ordinal) && l.EndsWith("panic-edge   # only if the user panic-edge does not exist yet", StringComparison.Ordinal));
        Assert.Contains($"install -m 0644 {site} /etc/panic-edge/site.yaml", result.Out, StringComparison.Ordinal);
        Assert.Contains("install -d -m 0700 -o panic-edge -g panic-edge /etc/panic-edge/secrets", result.Out, StringComparison.Ordinal);
        Assert.Contains("install -d -m 0750 -o panic-edge -g panic-edge /var/lib/panic-edge", result.Out, StringComparison.Ordinal);
        Assert.Contains("install -d -m 0700 -o panic-edge -g panic-edge /etc/panic-edge/tls", result.Out, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.EndsWith(". chown -R panic-edge:panic-edge /etc/panic-edge/tls", StringComparison.Ordinal));
        Assert.Contains($"install -D -m 0644 {publish}/deploy/panic-edge.service /etc/systemd/system/panic-edge.service", result.Out, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.EndsWith(". systemctl daemon-reload", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(". systemctl enable panic-edge", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith(". systemctl restart panic-edge", StringComparison.Ordinal));
        Assert.Equal(Enumerable.Range(1, 28).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)), lines.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s*\d+\. ")).Select(l => l.Trim().Split('.')[0]));
        Assert.Contains("board.driver is virtual", result.Error, StringComparison.Ordinal);
        Assert.Contains("will refuse to start with it", result.Problem, StringComparison.Ordinal);
        Assert.False(Directory.Exists(publish));
    }

    [Fact]
    public async Task Target_root_installs_the_build_site_file_messages_and_unit_with_their_permissions()
    {
        var site = SiteWithMessage();
        var publish = FakeBuild();

        var result = await CliHarness.Run("deploy", "--site", site, "--skip-build", "--publish-dir", publish, "--target-root", Root);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal(await File.ReadAllTextAsync(RepositoryUnit(), TestContext.Current.CancellationToken), await File.ReadAllTextAsync(At("etc/systemd/system/panic-edge.service"), TestContext.Current.CancellationToken));
        Assert.Equal(await File.ReadAllTextAsync(site, TestContext.Current.CancellationToken), await File.ReadAllTextAsync(At("etc/panic-edge/site.yaml"), TestContext.Current.CancellationToken));
        Assert.True(File.Exists(At("etc/panic-edge/messages/alerte.wav")));
        Assert.Equal("755", Mode(At("opt/panic-edge/Edge.Worker")));
        Assert.Equal("644", Mode(At("opt/panic-edge/Edge.Worker.dll")));
        Assert.Equal("644", Mode(At("etc/panic-edge/site.yaml")));
        Assert.Equal("644", Mode(At("etc/systemd/system/panic-edge.service")));
        Assert.Equal("700", Mode(At("etc/panic-edge/secrets")));
        Assert.Equal("700", Mode(At("etc/panic-edge/tls")));
        Assert.Equal("750", Mode(At("var/lib/panic-edge")));
        Assert.False(Directory.Exists(At("opt/panic-edge.new")));
        Assert.False(Directory.Exists(At("opt/panic-edge.old")));
        Assert.Contains("skipped (--target-root): useradd", result.Out, StringComparison.Ordinal);
        Assert.Contains("skipped (--target-root): systemctl enable panic-edge", result.Out, StringComparison.Ordinal);
        Assert.Contains($"installed the box's files under {Root}", result.Out, StringComparison.Ordinal);
        Assert.Contains("secret 'sip-accueil'", result.Error, StringComparison.Ordinal);
        var todo = result.Out[result.Out.IndexOf("Still to do on the box itself", StringComparison.Ordinal)..];
        Assert.Contains("chown -R panic-edge:panic-edge /etc/panic-edge/secrets", todo, StringComparison.Ordinal);
        Assert.Contains("systemctl enable panic-edge", todo, StringComparison.Ordinal);
        Assert.DoesNotContain(Root, todo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_deploy_replaces_the_build_and_tightens_existing_secrets()
    {
        var site = SiteWithMessage();
        var publish = FakeBuild();
        var first = await CliHarness.Run("deploy", "--site", site, "--skip-build", "--publish-dir", publish, "--target-root", Root);
        Assert.True(first.ExitCode == ExitCodes.Success, first.ToString());
        await File.WriteAllTextAsync(At("opt/panic-edge/stale.dll"), "from the previous version", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(At("etc/panic-edge/secrets"), (UnixFileMode)Convert.ToInt32("755", 8));
        await File.WriteAllTextAsync(At("etc/panic-edge/secrets/sip-accueil"), "secret", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(At("etc/panic-edge/secrets/sip-accueil"), (UnixFileMode)Convert.ToInt32("644", 8));

        var result = await CliHarness.Run("deploy", "--site", site, "--skip-build", "--publish-dir", publish, "--target-root", Root);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.False(File.Exists(At("opt/panic-edge/stale.dll")));
        Assert.True(File.Exists(At("opt/panic-edge/Edge.Worker")));
        Assert.Equal("700", Mode(At("etc/panic-edge/secrets")));
        Assert.Equal("600", Mode(At("etc/panic-edge/secrets/sip-accueil")));
        Assert.DoesNotContain("secret 'sip-accueil'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_invalid_site_file_stops_the_deploy_before_anything_is_written()
    {
        var site = SiteYaml.Write(_folder, SiteYaml.Bench.Replace("pin: 5", "pin: 17", StringComparison.Ordinal));
        var publish = _folder.File("publish");

        var result = await CliHarness.Run("deploy", "--site", site, "--publish-dir", publish, "--target-root", Root);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("GPIO 17 is already used", result.Error, StringComparison.Ordinal);
        Assert.Contains("is not a valid site file", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Root));
        Assert.False(Directory.Exists(publish));
    }

    [Fact]
    public async Task A_build_for_another_runtime_is_refused()
    {
        var site = SiteYaml.Write(_folder, SiteYaml.Bench);
        var publish = FakeBuild(runtime: "linux-x64");

        var result = await CliHarness.Run("deploy", "--site", site, "--skip-build", "--publish-dir", publish, "--target-root", Root);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("was built for linux-x64, not linux-arm64", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public async Task A_folder_that_is_not_a_build_is_refused()
    {
        var site = SiteYaml.Write(_folder, SiteYaml.Bench);
        var publish = _folder.File("not-a-build");
        Directory.CreateDirectory(publish);

        var result = await CliHarness.Run("deploy", "--site", site, "--skip-build", "--publish-dir", publish, "--target-root", Root);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("is not a published box: Edge.Worker is missing", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public async Task Not_root_without_systemd_prints_the_install_commands_after_the_build()
    {
        var site = SiteYaml.Write(_folder, SiteYaml.Bench);
        var publish = FakeBuild();

        var result = await CliHarness.Run("deploy", "--site", site, "--skip-build", "--publish-dir", publish);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("Nothing was installed:", result.Out, StringComparison.Ordinal);
        Assert.Contains(" 1. groupadd --system gpio", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet publish", result.Out, StringComparison.Ordinal);
        Assert.Contains($"cp -R {publish}/. /opt/panic-edge.new/", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_outside_the_site_folder_is_refused()
    {
        var outside = _folder.File("outside.wav");
        await File.WriteAllBytesAsync(outside, [0], TestContext.Current.CancellationToken);
        Directory.CreateDirectory(_folder.File("site"));
        var site = SiteYaml.Write(_folder, SiteYaml.WithPhone("127.0.0.1:5062", message: "../outside.wav"), "site/site.yaml");

        var result = await CliHarness.Run("deploy", "--site", site, "--skip-build", "--publish-dir", FakeBuild(), "--target-root", Root);

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.Contains("outside the site file's folder", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Root));
    }

    [Fact]
    public async Task As_root_with_systemd_every_step_runs_and_a_service_that_does_not_start_is_exit_1()
    {
        var site = SiteYaml.Write(_folder, SiteYaml.Bench);
        var runtime = ThisMachinesRuntime();
        var publish = FakeBuild(runtime);
        var ran = new List<string>();
        var cli = new CliHarness
        {
            CanManageSystemServices = true,

            // Nothing touches this machine: every command is recorded, and the service "fails" to start.
            RunCommand = (program, arguments, _) =>
            {
                var line = string.Join(' ', [program, .. arguments]);
                lock (ran)
                {
                    ran.Add(line);
                }

                return Task.FromResult<ExternalResult?>(line == "systemctl is-active panic-edge" ? new ExternalResult(3, "failed\n") : new ExternalResult(0, string.Empty));
            },
        };

        var result = await cli.RunAsync("deploy", "--site", site, "--skip-build", "--publish-dir", publish, "--runtime", runtime);

        Assert.True(result.ExitCode == ExitCodes.Failed, result.ToString());
        Assert.Contains("the service panic-edge is not running after the install", result.Error, StringComparison.Ordinal);
        Assert.Contains("journalctl -u panic-edge", result.Error, StringComparison.Ordinal);
        Assert.Contains($"install -m 0644 {site} /etc/panic-edge/site.yaml", ran);
        Assert.Contains("install -d -m 0700 -o panic-edge -g panic-edge /etc/panic-edge/secrets", ran);
        Assert.Contains("chown -R panic-edge:panic-edge /etc/panic-edge/secrets", ran);
        Assert.Contains(ran, l => l.StartsWith("useradd --system", StringComparison.Ordinal) || l.StartsWith("usermod", StringComparison.Ordinal) || File.ReadAllText("/etc/passwd").Contains("\npanic-edge:", StringComparison.Ordinal));
        var systemd = ran.Where(l => l.StartsWith("systemctl", StringComparison.Ordinal)).ToList();
        Assert.Equal(["systemctl daemon-reload", "systemctl enable panic-edge", "systemctl restart panic-edge", "systemctl is-active panic-edge"], systemd);
        Assert.True(ran.IndexOf("systemctl daemon-reload") > ran.FindIndex(l => l.Contains("/etc/systemd/system/panic-edge.service", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task As_root_a_build_for_another_architecture_is_refused_before_anything_runs()
    {
        var site = SiteYaml.Write(_folder, SiteYaml.Bench);
        var other = ThisMachinesRuntime() == "linux-arm64" ? "linux-x64" : "linux-arm64";
        var ran = new List<string>();
        var cli = new CliHarness
        {
            CanManageSystemServices = true,
            RunCommand = (program, _, _) =>
            {
                ran.Add(program);
                return Task.FromResult<ExternalResult?>(new ExternalResult(0, string.Empty));
            },
        };

        var result = await cli.RunAsync("deploy", "--site", site, "--skip-build", "--publish-dir", FakeBuild(other), "--runtime", other);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains($"--runtime {other}", result.Error, StringComparison.Ordinal);
        Assert.Contains("--dry-run", result.Error, StringComparison.Ordinal);
        Assert.Empty(ran);
    }

    public void Dispose() => _folder.Dispose();

    private static string ThisMachinesRuntime() =>
        System.Runtime.InteropServices.RuntimeInformation.OSArchitecture == System.Runtime.InteropServices.Architecture.Arm64 ? "linux-arm64" : "linux-x64";

    private string At(string relative) => Path.Combine(Root, relative);

    private static string Mode(string path) => Convert.ToString((int)File.GetUnixFileMode(path), 8);

    private string SiteWithMessage()
    {
        Directory.CreateDirectory(_folder.File("messages"));
        File.WriteAllBytes(_folder.File("messages/alerte.wav"), [1, 2, 3]);
        return SiteYaml.Write(_folder, SiteYaml.WithPhone("127.0.0.1:5062", message: "messages/alerte.wav"));
    }

    /// <summary>What dotnet publish leaves, as far as the deploy looks: the executable, the unit, the runtime it targets.</summary>
    private string FakeBuild(string runtime = "linux-arm64")
    {
        var publish = _folder.File("publish-" + runtime);
        Directory.CreateDirectory(Path.Combine(publish, "deploy"));
        File.WriteAllText(Path.Combine(publish, "Edge.Worker"), "#!/bin/sh\necho fake box\n");
        File.WriteAllText(Path.Combine(publish, "Edge.Worker.dll"), "not really");
        File.WriteAllText(Path.Combine(publish, "Edge.Worker.deps.json"), $$"""{ "runtimeTarget": { "name": ".NETCoreApp,Version=v10.0/{{runtime}}", "signature": "" } }""");
        File.Copy(RepositoryUnit(), Path.Combine(publish, "deploy", "panic-edge.service"));
        return publish;
    }

    private static string RepositoryUnit()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var unit = Path.Combine(directory.FullName, "edge", "Edge.Worker", "deploy", "panic-edge.service");
            if (File.Exists(unit))
            {
                return unit;
            }
        }

        throw new InvalidOperationException("The repository's systemd unit was not found above " + AppContext.BaseDirectory);
    }
}
