namespace Edge.Core.Configuration.Model;

public enum OutputKind
{
    /// <summary>Makes a sound: never driven by a silent scenario.</summary>
    Siren,

    Strobe,

    /// <summary>The status LED (one per box).</summary>
    Led,

    /// <summary>Any other relay (door lock, light), driven only by commands.</summary>
    Relay,
}

public sealed record OutputConfig : ConfigNode
{
    public required string Id { get; init; }

    public string? Name { get; init; }

    public required OutputKind Kind { get; init; }

    public required int Pin { get; init; }

    /// <summary>The relay energises on a Low level (most opto-isolated relay boards).</summary>
    public bool ActiveLow { get; init; }
}
