using Hardware.Gpio.Board;
using Microsoft.Extensions.Logging.Abstractions;
using Provisioning.Cli.Input;
using Spectre.Console;
using Spectre.Console.Testing;

namespace Provisioning.Cli.Tests.Support;

/// <summary>What one run of the tool left behind.</summary>
internal sealed record CliResult(int ExitCode, string Out, string Error)
{
    public string All => Out + Error;

    /// <summary>Standard error as one line: a long message is wrapped at the console's width, a sentence may span lines.</summary>
    public string Problem => System.Text.RegularExpressions.Regex.Replace(Error, @"\s+", " ");

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

    /// <summary>Keys typed while the command runs (wiring test); none by default, as in a pipe.</summary>
    public IKeyInput? Keys { get; set; }

    /// <summary>The GPIO board the command gets; the driver the site file names by default, as in production.</summary>
    public Func<GpioDriverKind, int, GpioBoard>? CreateBoard { get; set; }

    /// <summary>The process runs as root on a box with systemd (deploy installs for real); never by default.</summary>
    public bool CanManageSystemServices { get; set; }

    /// <summary>Runs external programs; the real ones by default. Tests of a root deploy record them instead.</summary>
    public Func<string, IReadOnlyList<string>, CancellationToken, Task<ExternalResult?>>? RunCommand { get; set; }

    /// <summary>Whether systemd says a service runs (only asked to explain a busy pin).</summary>
    public Func<string, bool> IsServiceActive { get; set; } = _ => false;

    /// <summary>"GET /api/enroll/ca", "POST /api/enroll": the requests of handlers a command built itself, in order.</summary>
    public List<string> HttpRequests { get; } = [];

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
            WrapHttpHandler = inner => new LoopbackOnlyHandler(inner, request =>
            {
                lock (HttpRequests)
                {
                    HttpRequests.Add($"{request.Method} {request.RequestUri!.AbsolutePath}");
                }
            }),
            EspeakExecutable = EspeakExecutable,
            Keys = Keys,
            CreateBoard = CreateBoard ?? ((kind, chip) => GpioBoardFactory.Create(kind, chip, NullLogger.Instance)),
            IsServiceActive = IsServiceActive,
            CanManageSystemServices = CanManageSystemServices,
            RunCommand = RunCommand ?? ((program, arguments, token) => ExternalCommand.RunAsync(program, arguments, token)),
        };
        var exitCode = await CliApplication.RunAsync(args, context, cancellationToken);
        return new CliResult(exitCode, Out.Output, Error.Output);
    }

    public static Task<CliResult> Run(params string[] args) => new CliHarness().RunAsync(args);

    /// <summary>
    /// A harness whose results go to a <see cref="WatchedWriter"/>, so that a test can await a line of a command still
    /// running; plain text (no colours, not interactive), as in a log.
    /// </summary>
    public static (CliHarness Cli, WatchedWriter Output) Watched()
    {
        var output = new WatchedWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        console.Profile.Width = 250;
        return (new CliHarness { OutOverride = console }, output);
    }

    /// <summary>A harness whose environment holds the camera password, the way an installer's script passes it.</summary>
    public static CliHarness WithCameraPassword(string password = "9999")
    {
        var cli = new CliHarness();
        cli.Environment["EDGE_CAMERA_PASSWORD"] = password;
        return cli;
    }
}
