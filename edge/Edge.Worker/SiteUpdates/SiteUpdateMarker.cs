using System.Text.Json;

namespace Edge.Worker.SiteUpdates;

/// <summary>What the box remembers across a restart about a pushed site file: which command, and what became of it.</summary>
public sealed record SiteUpdateMarker(Guid CommandId, string IssuedBy, string? Reason = null)
{
    public static SiteUpdateMarker? Read(string path)
    {
        try
        {
            return File.Exists(path) ? JsonSerializer.Deserialize<SiteUpdateMarker>(File.ReadAllText(path)) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void Write(string path) => DurableFile.Write(path, JsonSerializer.Serialize(this));
}
