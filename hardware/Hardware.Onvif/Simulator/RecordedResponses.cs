using System.Reflection;
using System.Text;

namespace Hardware.Onvif.Simulator;

/// <summary>The recorded responses embedded in this assembly (see Simulator/Recorded/README.md).</summary>
internal static class RecordedResponses
{
    private const string Prefix = "Recorded/";
    private static readonly Assembly s_assembly = typeof(RecordedResponses).Assembly;

    /// <summary>File names, e.g. <c>GetProfiles.xml</c> or <c>ptz.GetPresets.xml</c>.</summary>
    public static IReadOnlyList<string> FileNames { get; } = s_assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..])
        .Order(StringComparer.Ordinal)
        .ToList();

    public static bool Exists(string fileName) => FileNames.Contains(fileName, StringComparer.Ordinal);

    /// <summary>The bytes exactly as recorded.</summary>
    public static byte[] ReadBytes(string fileName)
    {
        using Stream stream = s_assembly.GetManifestResourceStream(Prefix + fileName)
            ?? throw new FileNotFoundException($"No recorded response named {fileName}.", fileName);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The text as recorded (all files are ASCII or UTF-8, whatever their declaration says).</summary>
    public static string ReadText(string fileName) => Encoding.UTF8.GetString(ReadBytes(fileName));

    public static byte[] ReadSnapshotJpeg()
    {
        using Stream stream = s_assembly.GetManifestResourceStream("snapshot.jpg")
            ?? throw new FileNotFoundException("The virtual camera's snapshot.jpg is not embedded.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
