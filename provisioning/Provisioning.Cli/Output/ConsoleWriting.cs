using Spectre.Console;

namespace Provisioning.Cli.Output;

/// <summary>The few ways this tool speaks, so that every command looks and greps the same.</summary>
internal static class ConsoleWriting
{
    /// <summary>"error: …" on the error console, then the hint indented.</summary>
    public static void WriteError(this IAnsiConsole console, string message, string? hint = null)
    {
        console.MarkupLine($"[red bold]error:[/] {Markup.Escape(message)}");
        if (!string.IsNullOrWhiteSpace(hint))
        {
            console.MarkupLine($"  [grey]{Markup.Escape(hint)}[/]");
        }
    }

    public static void WriteWarning(this IAnsiConsole console, string message, string? hint = null)
    {
        console.MarkupLine($"[yellow bold]warning:[/] {Markup.Escape(message)}");
        if (!string.IsNullOrWhiteSpace(hint))
        {
            console.MarkupLine($"  [grey]{Markup.Escape(hint)}[/]");
        }
    }

    public static void WriteSuccess(this IAnsiConsole console, string message) =>
        console.MarkupLine($"[green bold]ok:[/] {Markup.Escape(message)}");

    public static void WriteNote(this IAnsiConsole console, string message) =>
        console.MarkupLine($"[grey]{Markup.Escape(message)}[/]");

    /// <summary>
    /// Writes a line exactly as given, never wrapped at the console width: compiler-style problem lines must stay
    /// one line each for editors, grep and CI logs.
    /// </summary>
    public static void WriteRawLine(this IAnsiConsole console, string line)
    {
        var writer = console.Profile.Out.Writer;
        writer.Write(line);
        writer.Write('\n');
        writer.Flush();
    }

    /// <summary>Runs <paramref name="work"/> under a spinner when a person watches; silently otherwise.</summary>
    public static Task<T> WithStatusAsync<T>(this IAnsiConsole console, string status, Func<Task<T>> work)
    {
        if (!console.Profile.Capabilities.Interactive || !console.Profile.Capabilities.Ansi)
        {
            return work();
        }

        return console.Status().StartAsync(Markup.Escape(status), _ => work());
    }

    /// <summary>Two columns, label and value, for "what is this thing" summaries.</summary>
    public static Grid CreateFacts() => new Grid().AddColumn(new GridColumn().NoWrap().PadRight(2)).AddColumn();

    public static Grid AddFact(this Grid grid, string label, string value) =>
        grid.AddRow(new Markup($"[bold]{Markup.Escape(label)}[/]"), new Text(value));
}
