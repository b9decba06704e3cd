using System.CommandLine;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Model;
using Hardware.Gpio.Board;
using Provisioning.Cli.Output;
using Spectre.Console;

namespace Provisioning.Cli.Commands.Site;

/// <summary>
/// <c>site validate</c>: the box's own loader (<see cref="SiteFileLoader"/>), so that the tool and the box never
/// disagree; every problem on one line in the compiler format, then a summary.
/// </summary>
internal sealed class SiteValidateCommand : Command
{
    private readonly CliContext _context;

    // A string, not a FileInfo: problems name the file as it was typed, so that editors and terminals can open it.
    private readonly Argument<string> _file = new("file") { Description = "The site file to check, e.g. site.yaml." };

    private readonly Option<bool> _strict = new("--strict") { Description = "Treat warnings as errors (exit 1 when there is any)." };

    public SiteValidateCommand(CliContext context)
        : base("validate", "Check a site file exactly as the box will: every problem with its line, and how to fix it.")
    {
        _context = context;
        Arguments.Add(_file);
        Options.Add(_strict);
        SetAction(Run);
    }

    private int Run(ParseResult parse)
    {
        var file = parse.GetValue(_file)!;
        var strict = parse.GetValue(_strict);
        LoadedSiteFile? loaded = null;
        IReadOnlyList<ConfigProblem> problems;
        try
        {
            loaded = SiteFileLoader.Load(file);
            problems = loaded.Warnings;
        }
        catch (SiteFileException exception)
        {
            problems = exception.Problems;
        }

        foreach (var problem in problems)
        {
            _context.Out.WriteRawLine(problem.ToString());
        }

        var errors = problems.Count(p => p.Severity == ProblemSeverity.Error);
        var warnings = problems.Count - errors;
        var counts = $"{Plural(errors, "error")}, {Plural(warnings, "warning")}";
        if (loaded is null || errors > 0)
        {
            _context.Out.MarkupLine($"[red bold]invalid:[/] {Markup.Escape(file)}: {counts}. The box would refuse to start with this file.");
            return ExitCodes.Failed;
        }

        if (strict && warnings > 0)
        {
            _context.Out.MarkupLine($"[red bold]invalid:[/] {Markup.Escape(file)}: {counts}; --strict refuses warnings.");
            return ExitCodes.Failed;
        }

        _context.Out.WriteSuccess($"{file}: valid ({counts}).");
        Describe(loaded.Site);
        return ExitCodes.Success;
    }

    private void Describe(SiteFile site)
    {
        var facts = ConsoleWriting.CreateFacts()
            .AddFact("site", $"{site.Site.Id} \"{site.Site.Name}\"")
            .AddFact("device", site.Device.Id)
            .AddFact("driver", DriverWord(site.Board.Driver))
            .AddFact("inputs/outputs", $"{Plural(site.Buttons.Count, "button")}, {Plural(site.Outputs.Count, "output")}, {Plural(site.Cameras.Count, "camera")}");
        _context.Out.Write(facts);

        var table = new Table().AddColumns("scenario", "trigger", "severity", "does");
        foreach (var scenario in site.Scenarios)
        {
            var actions = new List<string>();
            if (scenario.Silent)
            {
                actions.Add("silent");
            }

            if (scenario.Drill)
            {
                actions.Add("drill");
            }

            if (scenario.Siren is { } siren)
            {
                actions.Add($"siren {siren.Output} ({siren.Pattern}, {siren.DurationSeconds} s)");
            }

            if (scenario.Strobe is { } strobe)
            {
                actions.Add($"strobe {strobe.Output}");
            }

            if (scenario.Camera is { } camera)
            {
                actions.Add($"camera {camera.Camera}" + (camera.Preset is null ? string.Empty : $" → {camera.Preset}") + $", {camera.Snapshots} snapshot(s)");
            }

            if (scenario.Call is { } call)
            {
                actions.Add($"calls {string.Join(", ", call.Contacts)}");
            }

            if (scenario.Cancel is { } cancel)
            {
                actions.Add($"cancel: {cancel.Gesture} within {cancel.WithinSeconds} s");
            }

            table.AddRow(
                Markup.Escape(scenario.Id),
                Markup.Escape($"{scenario.Trigger.Button}: {scenario.Trigger.Gesture}"),
                scenario.Severity.ToString().ToLowerInvariant(),
                Markup.Escape(actions.Count == 0 ? "alert only" : string.Join("; ", actions)));
        }

        _context.Out.Write(table);
    }

    internal static string DriverWord(GpioDriverKind driver) => driver switch
    {
        GpioDriverKind.LibGpiod => "libgpiod",
        GpioDriverKind.LibGpiodV2 => "libgpiod-v2",
        GpioDriverKind.RaspberryPi => "raspberry-pi",
        GpioDriverKind.Auto => "auto",
        _ => "virtual (no hardware: demos only)",
    };

    private static string Plural(int count, string word) => count == 1 ? $"1 {word}" : $"{count} {word}s";
}
