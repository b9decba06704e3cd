using Hardware.Gpio.Board;
using Microsoft.Extensions.Logging.Abstractions;
using Provisioning.Cli.Input;
using Spectre.Console;

namespace Provisioning.Cli;

/// <summary>
/// Everything a command touches outside its arguments: consoles, standard input, environment, clock, network
/// handler, external programs. The process gets the real ones (<see cref="FromProcess"/>); tests get captured ones.
/// </summary>
internal sealed class CliContext
{
    /// <summary>Results: tables, summaries, written files.</summary>
    public required IAnsiConsole Out { get; init; }

    /// <summary>Errors, warnings and hints, so that a script can keep results apart from them.</summary>
    public required IAnsiConsole Error { get; init; }

    /// <summary>Standard input, for --password-stdin.</summary>
    public TextReader Input { get; init; } = TextReader.Null;

    /// <summary>A person can answer prompts: standard input is a terminal (not a pipe, not a CI job).</summary>
    public bool InputIsTerminal { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>
    /// The HTTP handler cameras are reached through; null lets the ONVIF client build its own. Tests pass one
    /// that refuses anything but loopback.
    /// </summary>
    public Func<HttpMessageHandler>? CreateHttpHandler { get; init; }

    /// <summary>
    /// Wraps a handler a command builds itself because it decides its own TLS trust (<c>device enroll</c> pins the
    /// relay's CA); null leaves it as it is. Tests wrap it in one that refuses anything but loopback, and records.
    /// </summary>
    public Func<HttpMessageHandler, HttpMessageHandler>? WrapHttpHandler { get; init; }

    /// <summary>Cancel the running command on Ctrl+C and SIGTERM (the process only: tests cancel with a token).</summary>
    public bool HandleTerminationSignals { get; init; }

    /// <summary>The speech synthesiser's executable, looked up on PATH.</summary>
    public string EspeakExecutable { get; init; } = "espeak-ng";

    /// <summary>Keys pressed while a command runs (wiring test), or null when nobody can type (not a terminal).</summary>
    public IKeyInput? Keys { get; init; }

    /// <summary>
    /// Opens the GPIO board for a driver and chip, as the box does. Tests hand out a virtual board of their own (to
    /// look at its pins) or one whose pins are already taken.
    /// </summary>
    public Func<GpioDriverKind, int, GpioBoard> CreateBoard { get; init; } =
        (kind, chip) => GpioBoardFactory.Create(kind, chip, NullLogger.Instance);

    /// <summary>Whether a systemd service is running on this machine (to say why a GPIO pin is busy).</summary>
    public Func<string, bool> IsServiceActive { get; init; } = _ => false;

    /// <summary>
    /// This process may install a system service here: root, on Linux, with systemd running. Otherwise
    /// <c>deploy</c> prints the commands instead of running them. Never true in tests.
    /// </summary>
    public bool CanManageSystemServices { get; init; }

    /// <summary>
    /// Runs an external program to the end (no shell): the build and the install steps of <c>deploy</c>, <c>chown</c>.
    /// Null when the program is not installed. Tests record the commands instead of changing the machine.
    /// </summary>
    public Func<string, IReadOnlyList<string>, CancellationToken, Task<ExternalResult?>> RunCommand { get; init; } =
        (program, arguments, cancellationToken) => ExternalCommand.RunAsync(program, arguments, cancellationToken);

    /// <summary>True when questions may be asked on the results console: a person at a terminal on both ends.</summary>
    public bool CanPrompt => CanPromptOn(Out);

    /// <summary>
    /// True when a question may be asked on <paramref name="console"/>. A password is asked on the error console, so
    /// that it can still be typed when the results go to a file.
    /// </summary>
    public bool CanPromptOn(IAnsiConsole console) => InputIsTerminal && console.Profile.Capabilities.Interactive;

    public static CliContext FromProcess()
    {
        return new CliContext
        {
            Out = CreateConsole(Console.Out, Console.IsOutputRedirected),
            Error = CreateConsole(Console.Error, Console.IsErrorRedirected),
            Input = Console.In,
            InputIsTerminal = !Console.IsInputRedirected,
            Keys = Console.IsInputRedirected ? null : new ConsoleKeyInput(TimeProvider.System),
            HandleTerminationSignals = true,
            IsServiceActive = SystemServices.IsActive,
            CanManageSystemServices = SystemServices.CanManage(),
        };
    }

    private static IAnsiConsole CreateConsole(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (redirected)
        {
            // Spectre wraps at 80 columns when it cannot ask a terminal; a log or a pipe wants whole lines,
            // unless the user says how wide (COLUMNS=100 provision … | less).
            console.Profile.Width = int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns is >= 40 and <= 1000 ? columns : 240;
        }

        return console;
    }
}
