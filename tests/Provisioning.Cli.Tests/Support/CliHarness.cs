using Spectre.Console;
using Spectre.Console.Testing;

namespace Provisioning.Cli.Tests.Support;

/// <summary>What one run of the tool left behind.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string All => Out + Error;

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Out}\n--- stderr ---\n{Error}";
}

/// <summary>
/// Runs the tool in-process, end to end from the argument list, with captured consoles, an environment of its
/// own (the machine's EDGE_CAMERA_PASSWORD never leaks in), and an HTTP handler that only reaches loopback.
/// </summary>
internal sealed class CliHarness
{
    public TestConsole Out { get; } = new TestConsole().Width(250);

    public TestConsole Error { get; } = new TestConsole().Width(250);

    public Dictionary<string, string> Environment { get; } = [];

    public string StandardInput { get; set; } = string.Empty;

    /// <summary>A person at a terminal: prompts are allowed, and answered from <see cref="TestConsole.Input"/>.</summary>
    public bool Interactive { get; private set; }

    public string EspeakExecutable { get; set; } = "espeak-ng";

    public IAnsiConsole? OutOverride { get; set; }

    public CliHarness AsInteractive()
    {
        Interactive = true;
        Out.Interactive();
        Error.Interactive();
        return this;
    }

    public async Task<CliResult> RunAsync(params string[] args) => await RunAsync(TestContext.Current.CancellationToken, args);

    public async Task<CliResult> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        var context = new CliContext
        {
            Out = OutOverride ?? Out,
            Error = Error,
            Input = new StringReader(StandardInput),
            InputIsTerminal = Interactive,
            GetEnvironmentVariable = name => Environment.GetValueOrDefault(name),
            CreateHttpHandler = () => new LoopbackOnlyHandler(),
            EspeakExecutable = EspeakExecutable,
        };
        var exitCode = await CliApplication.RunAsync(args, context, cancellationToken);
        return new CliResult(exitCode, Out.Output, Error.Output);
    }

    public static Task<CliResult> Run(params string[] args) => new CliHarness().RunAsync(args);

    /// <summary>A harness whose environment holds the camera password, the way an installer's script passes it.</summary>
    public static CliHarness WithCameraPassword(string password = "9999")
    {
        var cli = new CliHarness();
        cli.Environment["EDGE_CAMERA_PASSWORD"] = password;
        return cli;
    }
}
