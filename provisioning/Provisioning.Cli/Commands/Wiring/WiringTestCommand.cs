using System.CommandLine;
using System.Threading.Channels;
using Edge.Core.Configuration.Model;
using Hardware.Gpio.Board;
using Provisioning.Cli.Commands.Site;
using Provisioning.Cli.Input;
using Provisioning.Cli.Output;
using Provisioning.Cli.Parsing;
using Spectre.Console;

namespace Provisioning.Cli.Commands.Wiring;

/// <summary>
/// <c>wiring test</c>: every input of the site file, live (raw level, debounced state, presses, gestures) through
/// the box's own <c>ButtonWatcher</c>, and every output switched on and off by its number key, on the site file's
/// board or the virtual one. Every output is off at the start and at the end, whatever ends the test.
/// </summary>
internal sealed class WiringTestCommand : Command
{
    private const int RecentEvents = 8;

    private static readonly TimeSpan s_refresh = TimeSpan.FromMilliseconds(200);

    private readonly CliContext _context;

    private readonly Option<string> _site = new("--site") { Description = "The site file: which buttons and outputs are wired where.", HelpName = "file", Required = true };

    private readonly Option<TimeSpan> _duration = OptionParsers.Duration("--duration", TimeSpan.FromSeconds(60), "How long the test runs before it ends by itself (q or Ctrl+C end it sooner), e.g. 60s, 5m.");

    private readonly Option<bool> _noInput = new("--no-input") { Description = "Do not read keys: only watch the inputs (outputs stay off)." };

    private readonly Option<bool> _virtual = new("--virtual") { Description = "Use the virtual board instead of the site file's driver: try the test without hardware; letters press the buttons." };

    public WiringTestCommand(CliContext context)
        : base("test", "Watch every button live and switch every output on and off, as the box will see them (stop the box's service first).")
    {
        _context = context;
        Options.Add(_site);
        Options.Add(_duration);
        Options.Add(_noInput);
        Options.Add(_virtual);
        SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var path = parse.GetValue(_site)!;
        var site = SiteFiles.Load(path).Site;
        if (site.Buttons.Count == 0 && site.Outputs.Count == 0)
        {
            throw new CheckFailedException($"{path} wires no button and no output: there is nothing to test.");
        }

        var kind = parse.GetValue(_virtual) ? GpioDriverKind.Virtual : site.Board.Driver;
        var keys = parse.GetValue(_noInput) ? null : _context.Keys;
        var inbox = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
        var board = OpenBoard(kind, site.Board.Chip);
        var bench = WiringBench.Open(site, board, _context.Time, note => inbox.Writer.TryWrite(note), _context.IsServiceActive);
        var live = _context.Out.Profile.Capabilities.Interactive && _context.Out.Profile.Capabilities.Ansi;
        var session = new Session(bench, inbox, keys, Header(site, path, bench), KeysHelp(bench, keys));
        try
        {
            if (bench.Board.IsVirtual && site.Board.Driver != GpioDriverKind.Virtual)
            {
                _context.Error.WriteWarning($"--virtual: the site file's driver ({SiteValidateCommand.DriverWord(site.Board.Driver)}) is not used; no real button or output is involved.");
            }

            if (live)
            {
                await RunLiveAsync(session, parse.GetValue(_duration), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await RunLinesAsync(session, parse.GetValue(_duration), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            bench.Dispose();
            ReportOutputsOff(bench);
        }

        return Summarize(bench, live);
    }

    private GpioBoard OpenBoard(GpioDriverKind kind, int chip)
    {
        try
        {
            return _context.CreateBoard(kind, chip);
        }
        catch (GpioBoardException exception)
        {
            throw new CheckFailedException(exception.Message, exception)
            {
                Hint = "To try the test without hardware, add --virtual.",
            };
        }
    }

    /// <summary>A person watches a terminal: one screen, redrawn in place.</summary>
    private async Task RunLiveAsync(Session session, TimeSpan duration, CancellationToken cancellationToken)
    {
        var recent = new Queue<WiringNote>();
        var started = _context.Time.GetTimestamp();
        Spectre.Console.Rendering.IRenderable Screen() =>
            WiringView.Screen(session.Bench, recent, session.Header, session.Keys, duration - _context.Time.GetElapsedTime(started));

        await _context.Out.Live(Screen()).AutoClear(false).Overflow(VerticalOverflow.Ellipsis).StartAsync(async live =>
        {
            await LoopAsync(session, duration, tick: true, note =>
            {
                recent.Enqueue(note);
                while (recent.Count > RecentEvents)
                {
                    recent.Dequeue();
                }
            }, () =>
            {
                live.UpdateTarget(Screen());
                live.Refresh();
            }, cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <summary>A log or a pipe: the tables once, then one line per event, then the tables again at the end.</summary>
    private async Task RunLinesAsync(Session session, TimeSpan duration, CancellationToken cancellationToken)
    {
        var output = _context.Out;
        output.MarkupLine(session.Header);
        output.Write(WiringView.Inputs(session.Bench));
        output.Write(WiringView.Outputs(session.Bench));
        output.WriteNote($"Watching for {DurationWords(duration)}. {session.Keys}");
        await LoopAsync(session, duration, tick: false, note => output.WriteRawLine(WiringView.NoteLine(note)), () => { }, cancellationToken).ConfigureAwait(false);
        output.Write(WiringView.Inputs(session.Bench));
    }

    /// <summary>
    /// Handles events, keys and (live) refresh ticks one at a time until q, the end of <paramref name="duration"/>, or
    /// Ctrl+C (which throws, after the caller's finally switched everything off).
    /// </summary>
    private async Task LoopAsync(Session session, TimeSpan duration, bool tick, Action<WiringNote> show, Action redraw, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(duration, _context.Time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var pumps = new List<Task>();
        if (session.KeyInput is { } keys)
        {
            pumps.Add(PumpKeysAsync(keys, session.Inbox.Writer, stop.Token));
        }

        if (tick)
        {
            pumps.Add(TickAsync(session.Inbox.Writer, stop.Token));
        }

        try
        {
            var quit = false;
            while (!quit)
            {
                var signal = await session.Inbox.Reader.ReadAsync(stop.Token).ConfigureAwait(false);
                switch (signal)
                {
                    case WiringNote note:
                        show(note);
                        break;
                    case ConsoleKeyInfo key:
                        quit = OnKey(session, key);
                        break;
                }

                redraw();
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The duration is over: the normal end.
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(pumps).ConfigureAwait(false);
        }

        // The end of a normal run shows every output off (the bench drives them off again when closed, Ctrl+C included),
        // and whatever happened between the last signal and the end (a release after q, say) still goes to the log.
        session.Bench.AllOff();
        while (session.Inbox.Reader.TryRead(out var left))
        {
            if (left is WiringNote note)
            {
                show(note);
            }
        }

        redraw();
    }

    /// <summary>Acts on one key; true to end the test.</summary>
    private static bool OnKey(Session session, ConsoleKeyInfo key)
    {
        var bench = session.Bench;
        var c = char.ToLowerInvariant(key.KeyChar);
        if (key.Key == ConsoleKey.Escape || c == 'q')
        {
            return true;
        }

        if (c == '0')
        {
            bench.AllOff();
        }
        else if (c is >= '1' and <= '9' && bench.Outputs.FirstOrDefault(o => o.Key == c) is { } output)
        {
            bench.Toggle(output);
        }
        else if (bench.Board.IsVirtual && bench.Inputs.FirstOrDefault(i => i.Key == c) is { } input)
        {
            bench.ToggleVirtualButton(input);
        }

        return false;
    }

    private static async Task PumpKeysAsync(IKeyInput keys, ChannelWriter<object> inbox, CancellationToken cancellationToken)
    {
        try
        {
            while (await keys.ReadKeyAsync(cancellationToken).ConfigureAwait(false) is { } key)
            {
                inbox.TryWrite(key);
            }
        }
        catch (OperationCanceledException)
        {
            // The test is over.
        }
    }

    private async Task TickAsync(ChannelWriter<object> inbox, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(s_refresh, _context.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                inbox.TryWrite(Tick.Instance);
            }
        }
        catch (OperationCanceledException)
        {
            // The test is over.
        }
    }

    private void ReportOutputsOff(WiringBench bench)
    {
        if (bench.Outputs.Count == 0)
        {
            return;
        }

        // On the virtual board the pins can be read back after closing: say so only once checked.
        if (bench.Board.Virtual is { } driver)
        {
            var stillOn = bench.Outputs.Where(o => driver.GetOutput(o.Config.Pin) != (o.Config.ActiveLow ? System.Device.Gpio.PinValue.High : System.Device.Gpio.PinValue.Low)).ToList();
            if (stillOn.Count > 0)
            {
                _context.Error.WriteError($"outputs left on: {string.Join(", ", stillOn.Select(o => o.Config.Id))}.");
                return;
            }
        }

        _context.Out.WriteSuccess($"all {bench.Outputs.Count} output(s) are off (driven to their off level).");
    }

    private int Summarize(WiringBench bench, bool live)
    {
        var faulty = bench.Inputs.Where(i => i.Watcher.Fault is not null).ToList();
        var neverPressed = bench.Inputs.Where(i => i.Presses == 0 && i.Watcher.Fault is null).Select(i => i.Config.Id).ToList();
        if (!live)
        {
            _context.Out.WriteNote($"Presses: {string.Join(", ", bench.Inputs.Select(i => $"{i.Config.Id} {i.Presses}"))}.");
        }

        if (neverPressed.Count > 0)
        {
            _context.Out.WriteNote($"Never pressed during the test: {string.Join(", ", neverPressed)}. Press each button once to check its wire.");
        }

        if (faulty.Count == 0)
        {
            return ExitCodes.Success;
        }

        foreach (var input in faulty)
        {
            var state = input.Watcher.State;
            _context.Error.WriteError(
                $"button '{input.Config.Id}' (GPIO {input.Config.Pin}) ends the test {state}.",
                state == "wire-cut"
                    ? "Its normally-closed loop is open: a wire is cut or unplugged, or the button is a normally-open one (then write wiring: normally-open)."
                    : "It reads pressed for too long: jammed, shorted wiring, or a normally-closed button declared normally-open (then write wiring: normally-closed).");
        }

        return ExitCodes.Failed;
    }

    private static string Header(SiteFile site, string path, WiringBench bench) =>
        $"[bold]Wiring test[/] of {Markup.Escape(site.Site.Id)} / {Markup.Escape(site.Device.Id)} ({Markup.Escape(path)}) on the {Markup.Escape(bench.Board.Description)}";

    private static string KeysHelp(WiringBench bench, IKeyInput? keys)
    {
        if (keys is null)
        {
            return "No keys are read (--no-input, or not a terminal): Ctrl+C ends the test.";
        }

        var parts = new List<string>();
        var numbered = bench.Outputs.Where(o => o.Key is not null).ToList();
        if (numbered.Count > 0)
        {
            parts.Add($"{Range(numbered[0].Key!.Value, numbered[^1].Key!.Value)} switch an output on/off, 0 all off");
        }

        var lettered = bench.Inputs.Where(i => i.Key is not null).ToList();
        if (lettered.Count > 0)
        {
            parts.Add($"{Range(lettered[0].Key!.Value, lettered[^1].Key!.Value)} press/release a virtual button");
        }

        parts.Add("q quit");
        return "Keys: " + string.Join(", ", parts) + ".";

        static string Range(char first, char last) => first == last ? $"{first}" : $"{first}-{last}";
    }

    private static string DurationWords(TimeSpan duration) =>
        duration.TotalSeconds < 120 ? $"{duration.TotalSeconds:0.#} s" : $"{duration.TotalMinutes:0.#} min";

    private sealed record Session(WiringBench Bench, Channel<object> Inbox, IKeyInput? KeyInput, string Header, string Keys);

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}
