using System.Globalization;

namespace Provisioning.Cli.Commands.Site.Templates;

/// <summary>
/// One usual scenario, ready to be written into a site file: the press that starts it, what it does, and the
/// buttons and outputs it needs. Values are the site file's own words (single, critical, pulsed…).
/// </summary>
internal sealed record ScenarioTemplate
{
    /// <summary>What is typed after --template.</summary>
    public required string Name { get; init; }

    /// <summary>The scenario id in the site file.</summary>
    public required string ScenarioId { get; init; }

    /// <summary>The scenario name shown to the crisis cell (French).</summary>
    public required string Title { get; init; }

    /// <summary>One line in French, then in English, written as a comment above the scenario.</summary>
    public required string CommentFr { get; init; }

    public required string CommentEn { get; init; }

    /// <summary>For --help and the prompt.</summary>
    public required string Summary { get; init; }

    public required TemplateButton Button { get; init; }

    public required GestureSpec Gesture { get; init; }

    public required string Severity { get; init; }

    public bool Silent { get; init; }

    public bool Drill { get; init; }

    public SignalSpec? Siren { get; init; }

    public SignalSpec? Strobe { get; init; }

    public CancelSpec? Cancel { get; init; }

    /// <summary>Turn the camera and take snapshots when the site has a camera.</summary>
    public bool UsesCamera { get; init; }

    public IEnumerable<TemplateOutput> Outputs =>
        new[] { Siren?.Output, Strobe?.Output }.OfType<TemplateOutput>();
}

/// <summary>single, long (with hold) or multi (count presses within a window).</summary>
internal sealed record GestureSpec(string Kind, int HoldMs = 0, int Count = 0, int WindowMs = 0)
{
    public static GestureSpec Single { get; } = new("single");

    public static GestureSpec Long(int holdMs) => new("long", HoldMs: holdMs);

    public static GestureSpec Multi(int count, int windowMs) => new("multi", Count: count, WindowMs: windowMs);

    public string Describe() => Kind switch
    {
        "long" => string.Create(CultureInfo.InvariantCulture, $"long press ({HoldMs / 1000.0:0.#} s)"),
        "multi" => string.Create(CultureInfo.InvariantCulture, $"{Count} presses within {WindowMs / 1000.0:0.#} s"),
        _ => "single press",
    };
}

/// <summary>A siren or strobe: steady or pulsed, for how long.</summary>
internal sealed record SignalSpec(TemplateOutput Output, string Pattern, int DurationSeconds, int OnMs = 500, int OffMs = 500);

/// <summary>The gesture that marks the alert as a false alarm, within a delay.</summary>
internal sealed record CancelSpec(GestureSpec Gesture, int WithinSeconds);
