using System.Device.Gpio;
using System.Globalization;
using Hardware.Gpio.Buttons;
using Provisioning.Cli.Commands.Board;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Provisioning.Cli.Commands.Wiring;

/// <summary>The tables of the wiring test: inputs with their live state, outputs with their key, recent events.</summary>
internal static class WiringView
{
    public static Table Inputs(WiringBench bench)
    {
        var table = new Table().Title("[bold]Inputs[/]")
            .AddColumns("key", "button", "name", "GPIO (pin)", "wiring", "raw level", "state", "presses", "last gesture");
        foreach (var input in bench.Inputs)
        {
            var config = input.Config;
            table.AddRow(
                input.Key is { } key ? $"[bold]{key}[/]" : "-",
                Markup.Escape(config.Id),
                Markup.Escape(config.Name ?? string.Empty),
                Pin(config.Pin),
                WiringWords(config.Wiring, config.Pull),
                LevelWords(bench.ReadLevel(input), config.Pull),
                StateMarkup(input.Watcher.State),
                input.Presses.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(input.LastGesture ?? "-"));
        }

        return table;
    }

    public static Table Outputs(WiringBench bench)
    {
        var table = new Table().Title("[bold]Outputs[/]")
            .AddColumns("key", "output", "name", "kind", "GPIO (pin)", "on level", "state");
        foreach (var output in bench.Outputs)
        {
            var config = output.Config;
            table.AddRow(
                output.Key is { } key ? $"[bold]{key}[/]" : "-",
                Markup.Escape(config.Id),
                Markup.Escape(config.Name ?? string.Empty),
                config.Kind.ToString().ToLowerInvariant(),
                Pin(config.Pin),
                WiringBench.OnLevelWord(config) + (config.ActiveLow ? " (active-low)" : string.Empty),
                output.Output.IsOn ? "[black on yellow] ON [/]" : "off");
        }

        return table;
    }

    /// <summary>The whole live screen: both tables, the last events, the keys and the time left.</summary>
    public static IRenderable Screen(WiringBench bench, IReadOnlyCollection<WiringNote> recent, string header, string keys, TimeSpan left)
    {
        var events = recent.Count == 0
            ? new Markup("[grey]No event yet: press a button.[/]")
            : (IRenderable)new Rows(recent.Select(n => new Markup(NoteMarkup(n))));
        return new Rows(
            new Markup(header),
            Inputs(bench),
            Outputs(bench),
            new Panel(events).Header("last events").Expand(),
            new Markup($"[grey]{Markup.Escape(keys)}  Ends in {Math.Max(0, (int)Math.Ceiling(left.TotalSeconds))} s.[/]"));
    }

    /// <summary>One event, as a log line: time since the start, then what happened.</summary>
    public static string NoteLine(WiringNote note) =>
        $"{("+" + note.At.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture)).PadLeft(8)} s  {note.Text}";

    public static string NoteMarkup(WiringNote note)
    {
        var color = note.Kind switch
        {
            WiringNoteKind.Pressed => "yellow",
            WiringNoteKind.Gesture => "green",
            WiringNoteKind.Fault => "red",
            WiringNoteKind.Output => "aqua",
            WiringNoteKind.Key => "grey",
            _ => "default",
        };
        return $"[{color}]{Markup.Escape(NoteLine(note))}[/]";
    }

    public static string StateMarkup(string state) => state switch
    {
        "pressed" => "[black on yellow] pressed [/]",
        "stuck" or "wire-cut" => $"[white on red] {state} [/]",
        _ => "[green]idle[/]",
    };

    private static string Pin(int bcm) =>
        RaspberryPiHeader.ByBcm(bcm) is { } pin ? $"{bcm} (pin {pin.Physical})" : bcm.ToString(CultureInfo.InvariantCulture);

    private static string WiringWords(ButtonWiring wiring, InputPull pull) =>
        (wiring == ButtonWiring.NormallyClosed ? "NC" : "NO") + (pull == InputPull.Up ? ", pull-up" : ", pull-down");

    private static string LevelWords(PinValue level, InputPull pull)
    {
        var closed = pull == InputPull.Up ? level == PinValue.Low : level == PinValue.High;
        return (level == PinValue.High ? "High" : "Low") + (closed ? " (contact closed)" : " (contact open)");
    }
}
