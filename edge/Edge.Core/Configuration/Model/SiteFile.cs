namespace Edge.Core.Configuration.Model;

/// <summary>One building's box: what is wired to it and what each press does. Loaded from one YAML file.</summary>
public sealed record SiteFile : ConfigNode
{
    /// <summary>The file it was read from, for messages; relative paths inside it are relative to its folder.</summary>
    public required string FilePath { get; init; }

    public required SiteInfo Site { get; init; }

    public required DeviceInfo Device { get; init; }

    public required BoardConfig Board { get; init; }

    public IReadOnlyList<ButtonConfig> Buttons { get; init; } = [];

    public IReadOnlyList<OutputConfig> Outputs { get; init; } = [];

    public IReadOnlyList<CameraConfig> Cameras { get; init; } = [];

    public PhoneConfig? Phone { get; init; }

    public IReadOnlyList<ScenarioConfig> Scenarios { get; init; } = [];

    public string Directory => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(FilePath)) ?? ".";

    /// <summary>Resolves a path written in the site file (relative to the file's folder).</summary>
    public string ResolvePath(string path) => System.IO.Path.GetFullPath(path, Directory);

    public ButtonConfig? Button(string id) => Buttons.FirstOrDefault(b => b.Id == id);

    public OutputConfig? Output(string id) => Outputs.FirstOrDefault(o => o.Id == id);

    public CameraConfig? Camera(string id) => Cameras.FirstOrDefault(c => c.Id == id);

    public ScenarioConfig? Scenario(string id) => Scenarios.FirstOrDefault(s => s.Id == id);
}

public sealed record SiteInfo : ConfigNode
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public string? Address { get; init; }

    /// <summary>fr (default) or en: the language of spoken messages and of texts the box writes.</summary>
    public string Language { get; init; } = "fr";

    /// <summary>An alert nobody clears at the relay is cleared on the box after this long (outputs back to idle).</summary>
    public int AlertTimeoutMinutes { get; init; } = 30;
}

public sealed record DeviceInfo : ConfigNode
{
    public required string Id { get; init; }

    public string? Name { get; init; }
}
