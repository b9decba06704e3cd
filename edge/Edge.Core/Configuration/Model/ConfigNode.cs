namespace Edge.Core.Configuration.Model;

/// <summary>A section of the site file, with where it and each of its keys were written.</summary>
public abstract record ConfigNode
{
    /// <summary>The path of the section, e.g. <c>scenarios[2].siren</c>.</summary>
    public string Path { get; init; } = string.Empty;

    public SourceLocation Location { get; init; }

    public IReadOnlyDictionary<string, SourceLocation> FieldLocations { get; init; } = new Dictionary<string, SourceLocation>();

    /// <summary>Where <paramref name="field"/> was written, or the section itself if it was left to its default.</summary>
    public SourceLocation At(string field) => FieldLocations.TryGetValue(field, out var location) ? location : Location;

    public string PathOf(string field) => string.IsNullOrEmpty(Path) ? field : $"{Path}.{field}";
}
