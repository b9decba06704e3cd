using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Edge.Core.Configuration.Model;
using Hardware.Gpio.Board;
using Provisioning.Cli.Commands.Secret;
using Provisioning.Cli.Commands.Site;
using Provisioning.Cli.Output;
using Spectre.Console;

namespace Provisioning.Cli.Commands.Deploy;

/// <summary>
/// <c>deploy</c>: builds the box and installs it as the systemd service panic-edge, the site file checked first by the
/// box's own loader. As root on a Linux box with systemd it runs the steps; otherwise (or with --dry-run) it prints
/// them, numbered, for the installer to run on the box. --target-root installs the files under a folder instead of /.
/// </summary>
internal sealed partial class DeployCommand : Command
{
    private readonly CliContext _context;

    private readonly Option<string> _site = new("--site") { Description = "The site file to install (checked first: nothing happens with an invalid one).", HelpName = "file", Required = true };

    private readonly Option<string> _runtime = new("--runtime", "-r")
    {
        Description = "The box's .NET runtime identifier: linux-arm64 (Raspberry Pi 3/4/5 with a 64-bit OS), linux-arm (32-bit OS), linux-x64.",
        DefaultValueFactory = _ => "linux-arm64",
        Validators =
        {
            result =>
            {
                var value = result.GetValueOrDefault<string>();
                if (!RuntimePattern().IsMatch(value ?? string.Empty))
                {
                    result.AddError($"--runtime '{value}' is not a Linux runtime identifier: linux-arm64, linux-arm or linux-x64.");
                }
            },
        },
    };

    private readonly Option<string?> _targetRoot = new("--target-root")
    {
        Description = "Install the files under this folder instead of / (an SD card's root file system, or a check): never creates users nor runs systemctl.",
        HelpName = "dir",
    };

    private readonly Option<bool> _dryRun = new("--dry-run") { Description = "Run nothing (not even the build): print the numbered commands." };

    private readonly Option<bool> _skipBuild = new("--skip-build") { Description = "Do not build: install the build already in --publish-dir." };

    private readonly Option<string?> _publishDirectory = new("--publish-dir")
    {
        Description = "Where the box is built to (or is, with --skip-build); artifacts/panic-edge-<runtime> in the repository by default.",
        HelpName = "dir",
    };

    private readonly Option<string?> _source = new("--source")
    {
        Description = "The repository to build from; found from the current folder by default.",
        HelpName = "dir",
    };

    public DeployCommand(CliContext context)
        : base("deploy", "Build the box and install it as the systemd service panic-edge (as root on the box), or print the commands to do so.")
    {
        _context = context;
        foreach (var option in new Option[] { _site, _runtime, _targetRoot, _dryRun, _skipBuild, _publishDirectory, _source })
        {
            Options.Add(option);
        }

        SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
    }

    private enum Mode
    {
        /// <summary>Print every command (the build too): --dry-run.</summary>
        Print,

        /// <summary>Build here, then print the install commands: not root, no systemd, or not Linux.</summary>
        BuildThenPrint,

        /// <summary>Build and write the files under --target-root; users and systemd are skipped.</summary>
        TargetRoot,

        /// <summary>Build and install for real: root on a Linux box with systemd.</summary>
        Install,
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (!UnixOnly.Supported)
        {
            throw UnixOnly.Refusal("deploy");
        }

        var sitePath = parse.GetValue(_site)!;
        var runtime = parse.GetValue(_runtime)!;
        var targetRoot = parse.GetValue(_targetRoot);
        var dryRun = parse.GetValue(_dryRun);
        var skipBuild = parse.GetValue(_skipBuild);

        // Nothing is built or written before the site file is known good, with the box's own loader.
        var site = SiteFiles.LoadShowingProblems(sitePath, _context.Error).Site;
        var messages = MessagesOf(site);
        var mode = dryRun ? Mode.Print
            : targetRoot is not null ? Mode.TargetRoot
            : _context.CanManageSystemServices ? Mode.Install
            : Mode.BuildThenPrint;
        if (mode == Mode.Install)
        {
            CheckArchitecture(runtime);
        }

        var source = parse.GetValue(_source) is { } given ? Path.GetFullPath(given) : FindSource();
        var project = skipBuild ? null : ProjectOf(source, parse.GetValue(_source) is not null);
        var publish = parse.GetValue(_publishDirectory) is { } directory
            ? Path.GetFullPath(directory)
            : source is not null ? Path.Combine(source, "artifacts", $"panic-edge-{runtime}")
            : throw new UsageException("--skip-build needs --publish-dir: the folder the box was published to.")
            {
                Hint = "E.g. provision deploy --site site.yaml --skip-build --publish-dir ./panic-edge-linux-arm64",
            };
        var layout = new DeployLayout(targetRoot is null ? "/" : Path.GetFullPath(targetRoot));
        var steps = DeployPlan.Create(new DeployInputs
        {
            SiteFile = Path.GetFullPath(sitePath),
            Messages = messages,
            PublishDirectory = publish,
            ProjectDirectory = project,
            Runtime = runtime,
            Layout = layout,
            SetOwners = targetRoot is null,
        });

        WarnAbout(site);
        if (mode == Mode.Print)
        {
            if (skipBuild)
            {
                CheckBuild(publish, runtime, mustExist: false);
            }

            PrintPlan(steps, "--dry-run: nothing was run.", targetRoot is not null);
            return ExitCodes.Success;
        }

        var build = steps.FirstOrDefault(s => s.Kind == DeployStepKind.Build);
        if (build is not null)
        {
            await BuildAsync(build, runtime, cancellationToken).ConfigureAwait(false);
        }

        CheckBuild(publish, runtime, mustExist: true);
        var install = steps.Where(s => s.Kind != DeployStepKind.Build).ToList();
        if (mode == Mode.BuildThenPrint)
        {
            PrintPlan(install, $"Nothing was installed: {WhyNotInstalling()}.", targetRoot is not null, firstNumber: 1);
            return ExitCodes.Success;
        }

        await RunStepsAsync(install, mode, cancellationToken).ConfigureAwait(false);
        var exit = Verify(layout, site, mode);
        if (mode == Mode.TargetRoot)
        {
            // The same plan for the box itself: its users, ownership and systemd steps are what is left to do there.
            var onTheBox = DeployPlan.Create(new DeployInputs
            {
                SiteFile = Path.GetFullPath(sitePath),
                PublishDirectory = publish,
                Runtime = runtime,
                Layout = new DeployLayout("/"),
                SetOwners = true,
            }).Where(s => s.Kind == DeployStepKind.System).ToList();
            _context.Out.WriteNote("Still to do on the box itself, as root (skipped with --target-root):");
            PrintSteps(onTheBox, 1);
        }

        return exit;
    }

    /// <summary>The message WAVs the site file names, with their place beside the installed site file.</summary>
    private static List<MessageFile> MessagesOf(SiteFile site)
    {
        var messages = new List<MessageFile>();
        foreach (var call in site.Scenarios.Select(s => s.Call).OfType<CallActionConfig>())
        {
            var source = site.ResolvePath(call.Message);
            var relative = Path.GetRelativePath(site.Directory, source);
            if (Path.IsPathRooted(call.Message))
            {
                continue;
            }

            if (relative.StartsWith("..", StringComparison.Ordinal))
            {
                throw new CheckFailedException($"the message '{call.Message}' is outside the site file's folder: it would not be found beside /etc/panic-edge/site.yaml.")
                {
                    Hint = "Keep the messages in the site file's folder or below it (e.g. messages/alerte.wav), and write that relative path.",
                };
            }

            if (messages.All(m => m.RelativePath != relative))
            {
                messages.Add(new MessageFile(source, relative));
            }
        }

        return messages;
    }

    private void WarnAbout(SiteFile site)
    {
        if (site.Board.Driver == GpioDriverKind.Virtual)
        {
            _context.Error.WriteWarning(
                "the site file's board.driver is virtual: the installed service runs in production mode and will refuse to start with it (exit 78): a building must not be protected by a virtual board.",
                "Set board.driver to libgpiod (Raspberry Pi OS Bookworm) or libgpiod-v2, and check it with 'provision wiring test'. For a demonstration, run the box by hand instead (see edge/README.md).");
        }

        foreach (var call in site.Scenarios.Select(s => s.Call).OfType<CallActionConfig>().Where(c => Path.IsPathRooted(c.Message)).Select(c => c.Message).Distinct())
        {
            _context.Error.WriteWarning($"the message {call} is an absolute path: it is not copied, and must exist on the box at that path.");
        }
    }

    private void CheckArchitecture(string runtime)
    {
        var wanted = runtime.EndsWith("-arm64", StringComparison.Ordinal) ? Architecture.Arm64
            : runtime.EndsWith("-x64", StringComparison.Ordinal) ? Architecture.X64
            : Architecture.Arm;
        if (RuntimeInformation.OSArchitecture != wanted)
        {
            throw new CheckFailedException($"this machine is {RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant()}, but --runtime {runtime} builds for {wanted.ToString().ToLowerInvariant()}: the box would not start here.")
            {
                Hint = "Run provision deploy on the box itself, or give the --runtime of this machine, or use --dry-run to get the commands for the box.",
            };
        }
    }

    private static string? FindSource()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "edge", "Edge.Worker", "Edge.Worker.csproj")))
                {
                    return directory.FullName;
                }
            }
        }

        return null;
    }

    private static string ProjectOf(string? source, bool given)
    {
        var project = source is null ? null : Path.Combine(source, "edge", "Edge.Worker");
        if (project is null || !File.Exists(Path.Combine(project, "Edge.Worker.csproj")))
        {
            throw new UsageException(given
                ? $"{source} is not the repository: edge/Edge.Worker/Edge.Worker.csproj is not in it."
                : "cannot find the repository to build the box from (edge/Edge.Worker/Edge.Worker.csproj, above the current folder).")
            {
                Hint = "Run the command from the repository, or give it with --source DIR; or install a build made elsewhere with --skip-build --publish-dir DIR.",
            };
        }

        return project;
    }

    private async Task BuildAsync(DeployStep build, string runtime, CancellationToken cancellationToken)
    {
        _context.Error.WriteNote($"[build] {build.Text}");
        var result = await _context.Error.WithStatusAsync(
            $"Building the box for {runtime} (a few minutes the first time)…",
            () => _context.RunCommand(build.Arguments[0], [.. build.Arguments.Skip(1)], cancellationToken)).ConfigureAwait(false);
        if (result is null)
        {
            throw new CheckFailedException("dotnet is not installed here: the box cannot be built.")
            {
                Hint = "Install the .NET 10 SDK, or build elsewhere and install that build with --skip-build --publish-dir DIR.",
            };
        }

        if (!result.Succeeded)
        {
            throw new CheckFailedException($"the build failed (dotnet publish exit {result.ExitCode}); nothing was installed. Its last lines:\n{result.Tail(25)}")
            {
                Hint = $"A restore error about Microsoft.NETCore.App.Runtime.{runtime} means the runtime pack for the box cannot be downloaded here: build on a machine with access to NuGet, then --skip-build --publish-dir.",
            };
        }

        _context.Error.WriteNote("[build] done.");
    }

    /// <summary>The folder must hold a published box, for the right runtime.</summary>
    private void CheckBuild(string publish, string runtime, bool mustExist)
    {
        if (!Directory.Exists(publish))
        {
            if (mustExist)
            {
                throw new CheckFailedException($"{publish} does not exist: there is no build to install.") { Hint = "Build it (leave out --skip-build), or give the right --publish-dir." };
            }

            _context.Error.WriteWarning($"{publish} does not exist yet: step 1 of the printed commands needs it.");
            return;
        }

        foreach (var needed in new[] { DeployLayout.Executable, DeployLayout.UnitInBuild })
        {
            if (!File.Exists(Path.Combine(publish, needed)))
            {
                throw new CheckFailedException($"{publish} is not a published box: {needed} is missing.")
                {
                    Hint = $"Publish it with: dotnet publish edge/Edge.Worker -c Release -r {runtime} --self-contained true -o {publish}",
                };
            }
        }

        var deps = Path.Combine(publish, "Edge.Worker.deps.json");
        if (File.Exists(deps) && RuntimeTargetPattern().Match(File.ReadAllText(deps)) is { Success: true } match && match.Groups["rid"].Value != runtime)
        {
            throw new CheckFailedException($"{publish} was built for {match.Groups["rid"].Value}, not {runtime}.")
            {
                Hint = $"Build it again for the box (leave out --skip-build), or give --runtime {match.Groups["rid"].Value} if that is the box's.",
            };
        }
    }

    private void PrintPlan(IReadOnlyList<DeployStep> steps, string headline, bool underTargetRoot, int firstNumber = 1)
    {
        var where = underTargetRoot ? string.Empty : ", on the box";
        var how = steps.Count > 0 && steps[0].Kind == DeployStepKind.Build
            ? $"Run these commands in this order: {firstNumber} builds the box (wherever the .NET SDK is), the others run as root{where}:"
            : $"Run these commands as root, in this order{where}:";
        _context.Out.MarkupLine($"[bold]{Markup.Escape(headline)}[/] {Markup.Escape(how)}");
        PrintSteps(steps, firstNumber, underTargetRoot);

        var reads = steps.SelectMany(s => s.Arguments).Where(a => a.StartsWith('/') && !a.StartsWith("/opt/", StringComparison.Ordinal) && !a.StartsWith("/etc/", StringComparison.Ordinal) && !a.StartsWith("/var/", StringComparison.Ordinal) && !a.StartsWith("/usr/", StringComparison.Ordinal)).ToList();
        if (!underTargetRoot && reads.Count > 0)
        {
            _context.Out.WriteNote("They read the build, the site file and its messages from this computer's paths above: on another computer than the box, copy those to the box at the same paths first (rsync -aR), or run provision deploy on the box.");
        }
    }

    private void PrintSteps(IReadOnlyList<DeployStep> steps, int firstNumber, bool underTargetRoot = false)
    {
        var width = (firstNumber + steps.Count - 1).ToString(CultureInfo.InvariantCulture).Length;
        var number = firstNumber;
        foreach (var step in steps)
        {
            var condition = step.OnlyIf is null ? string.Empty : $"   # only if {step.OnlyIf}";
            var skipped = underTargetRoot && step.Kind == DeployStepKind.System ? "# (skipped with --target-root) " : string.Empty;
            _context.Out.WriteRawLine($"{number.ToString(CultureInfo.InvariantCulture).PadLeft(width)}. {skipped}{step.Text}{condition}");
            number++;
        }
    }

    private string WhyNotInstalling()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "this is not Linux";
        }

        if (!Environment.IsPrivilegedProcess)
        {
            return "this is not root (run it with sudo on the box to install)";
        }

        return _context.CanManageSystemServices ? "--dry-run" : "systemd is not running on this machine";
    }

    private async Task RunStepsAsync(IReadOnlyList<DeployStep> steps, Mode mode, CancellationToken cancellationToken)
    {
        var width = steps.Count.ToString(CultureInfo.InvariantCulture).Length;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var number = $"[{(i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(width)}/{steps.Count}]";
            if (mode == Mode.TargetRoot && step.Kind == DeployStepKind.System)
            {
                _context.Out.WriteNote($"{number} skipped (--target-root): {step.Text}");
                continue;
            }

            if (step.Applies is { } applies && !applies())
            {
                _context.Out.WriteNote($"{number} not needed: {step.Text}   (only if {step.OnlyIf})");
                continue;
            }

            _context.Out.WriteRawLine($"{number} {step.Text}");
            var result = await _context.RunCommand(step.Arguments[0], [.. step.Arguments.Skip(1)], cancellationToken).ConfigureAwait(false);
            if (result is not { Succeeded: true })
            {
                var isActiveCheck = step.Arguments is ["systemctl", "is-active", ..];
                throw new CheckFailedException(
                    isActiveCheck
                        ? $"the service {DeployLayout.UnitName} is not running after the install ({result?.Tail() ?? "no answer"})."
                        : $"step {i + 1} failed: {step.Text}\n{result?.Tail() ?? $"'{step.Arguments[0]}' is not installed here."}")
                {
                    Hint = isActiveCheck
                        ? $"See why: journalctl -u {DeployLayout.UnitName} -n 50 --no-pager (exit status 78 = the site file or settings are wrong)."
                        : $"The steps before it were done; fix the cause and run provision deploy again (it starts over safely).",
                };
            }
        }
    }

    /// <summary>The installed site file must load where the box will load it (messages found), and its secrets be there.</summary>
    private int Verify(DeployLayout layout, SiteFile site, Mode mode)
    {
        try
        {
            Edge.Core.Configuration.SiteFileLoader.Load(layout.SiteFile);
        }
        catch (Edge.Core.Configuration.SiteFileException exception)
        {
            throw new CheckFailedException($"the installed {layout.SiteFile} does not load: {exception.Problems[0]}", exception);
        }

        var missing = SecretCheckCommand.NamedBy(site).Where(s => !SecretFolder.IsValidName(s.Name) || SecretFolder.Read(layout.Secrets, s.Name) is not { Length: > 0 }).ToList();
        foreach (var (name, usedBy) in missing)
        {
            _context.Error.WriteWarning(
                $"secret '{name}' ({usedBy}) is not stored in {layout.Secrets}: the box will report it as a fault.",
                $"On the box: printf '%s\\n' \"$PASS\" | sudo provision secret set {name} --value-stdin");
        }

        _context.Out.WriteSuccess(mode == Mode.TargetRoot
            ? $"installed the box's files under {layout.Root} (users and systemd skipped)."
            : $"the box is installed and the service {DeployLayout.UnitName} is running. Follow it with: journalctl -u {DeployLayout.UnitName} -f");
        return ExitCodes.Success;
    }

    [GeneratedRegex("^linux(-musl)?-(arm64|arm|x64)$", RegexOptions.CultureInvariant)]
    private static partial Regex RuntimePattern();

    [GeneratedRegex(@"""runtimeTarget""\s*:\s*\{\s*""name""\s*:\s*""[^""/]*/(?<rid>[^""]+)""", RegexOptions.CultureInvariant)]
    private static partial Regex RuntimeTargetPattern();
}
