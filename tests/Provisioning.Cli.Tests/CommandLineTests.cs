using System.CommandLine;
using Provisioning.Cli.Output;
using Provisioning.Cli.Tests.Support;
using Spectre.Console.Testing;

namespace Provisioning.Cli.Tests;

/// <summary>The contract with scripts: --help everywhere, and the exit codes.</summary>
public sealed class CommandLineTests
{
    public static TheoryData<string> CommandPaths => [.. AllCommandPaths()];

    [Theory]
    [MemberData(nameof(CommandPaths))]
    public async Task Every_command_has_help_and_it_exits_0(string path)
    {
        string[] args = [.. path.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"];

        var result = await CliHarness.Run(args);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
        Assert.Contains("Description:", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_tree_has_the_commands_of_this_release()
    {
        Assert.Equal(
            ["", "site", "site init", "site validate", "camera", "camera discover", "camera probe", "camera snapshot", "camera goto-preset", "camera simulate", "message", "board", "board pins",
             "wiring", "wiring test", "secret", "secret set", "secret list", "secret check", "call", "call test", "device", "device enroll", "deploy"],
            AllCommandPaths());
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("site")]
    [InlineData("site", "validate")]
    [InlineData("site", "validate", "a.yaml", "--no-such-option")]
    [InlineData("camera", "discover", "--timeout", "forever")]
    [InlineData("camera", "discover", "--destination", "nowhere")]
    [InlineData("camera", "simulate", "--port", "70000")]
    [InlineData("message", "--text", "x")]
    [InlineData("site", "init", "--out", "x.yaml", "--chip", "99")]
    [InlineData("wiring", "test")]
    [InlineData("wiring", "test", "--site", "x.yaml", "--duration", "0s")]
    [InlineData("secret", "set")]
    [InlineData("secret", "check")]
    [InlineData("call", "test", "--site", "x.yaml")]
    [InlineData("call", "test", "17", "--site", "x.yaml", "--ack-digit", "12")]
    [InlineData("deploy", "--site", "x.yaml", "--runtime", "win-x64")]
    [InlineData("deploy")]
    public async Task Usage_errors_exit_2_and_point_to_help(params string[] args)
    {
        var result = await CliHarness.Run(args);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
        Assert.Contains("--help", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void An_unexpected_exception_is_exit_3_with_the_details_for_a_bug_report()
    {
        var error = new TestConsole().Width(250);
        var context = new CliContext { Out = new TestConsole(), Error = error };

        var code = FailureReporter.Report(new InvalidOperationException("boom"), context, "provision site init");

        Assert.Equal(ExitCodes.Internal, code);
        Assert.Contains("internal error in 'provision site init'", error.Output, StringComparison.Ordinal);
        Assert.Contains("bug", error.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Expected_failures_are_exit_1_and_2_without_a_stack_trace()
    {
        var error = new TestConsole().Width(250);
        var context = new CliContext { Out = new TestConsole(), Error = error };

        Assert.Equal(ExitCodes.Failed, FailureReporter.Report(new CheckFailedException("camera refused") { Hint = "check it" }, context, "provision camera probe"));
        Assert.Equal(ExitCodes.Usage, FailureReporter.Report(new UsageException("bad flag"), context, "provision camera probe"));
        Assert.Equal(ExitCodes.Interrupted, FailureReporter.Report(new OperationCanceledException(), context, "provision camera discover"));
        Assert.DoesNotContain("   at ", error.Output, StringComparison.Ordinal);
        Assert.Contains("See 'provision camera probe --help'", error.Output, StringComparison.Ordinal);
    }

    /// <summary>Every command of the tree, found by walking it: a command added later is covered without editing this.</summary>
    private static List<string> AllCommandPaths()
    {
        var context = new CliContext { Out = new TestConsole(), Error = new TestConsole() };
        var paths = new List<string> { string.Empty };
        void Walk(Command command, string path)
        {
            foreach (var sub in command.Subcommands)
            {
                var subPath = (path + " " + sub.Name).Trim();
                paths.Add(subPath);
                Walk(sub, subPath);
            }
        }

        Walk(CliApplication.CreateRootCommand(context), string.Empty);
        return paths;
    }
}
