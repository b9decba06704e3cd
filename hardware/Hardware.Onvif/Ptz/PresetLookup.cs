using Hardware.Onvif.Errors;

namespace Hardware.Onvif.Ptz;

/// <summary>Finds a preset by the name the installer gave it: exact match first, then ignoring case and spaces around.</summary>
internal static class PresetLookup
{
    public static PtzPreset FindByName(IReadOnlyList<PtzPreset> presets, string name, Uri camera)
    {
        List<PtzPreset> matches = presets.Where(p => string.Equals(p.Name, name, StringComparison.Ordinal)).ToList();
        if (matches.Count == 0)
        {
            matches = presets.Where(p => string.Equals(p.Name.Trim(), name.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        }

        if (matches.Count == 1)
        {
            return matches[0];
        }

        string message = matches.Count == 0
            ? $"The camera at {camera} has no preset named '{name}'. Its presets: {Describe(presets)}."
            : $"The camera at {camera} has {matches.Count} presets named '{name}' ({Describe(matches)}); rename one, or use its token.";
        throw new OnvifPresetNotFoundException(message)
        {
            Endpoint = camera,
            Operation = "GotoPreset",
            PresetName = name,
            AvailablePresets = presets,
        };
    }

    private static string Describe(IEnumerable<PtzPreset> presets)
    {
        string list = string.Join(", ", presets.Select(p => $"'{p.Name}' (token {p.Token})"));
        return list.Length == 0 ? "none" : list;
    }
}
