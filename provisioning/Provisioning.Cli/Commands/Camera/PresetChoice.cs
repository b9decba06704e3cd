using Hardware.Onvif.Errors;
using Hardware.Onvif.Ptz;

namespace Provisioning.Cli.Commands.Camera;

/// <summary>
/// Finds the preset an installer means: by name (exact, then ignoring case), else by token. Names come first
/// because that is what the camera's web page shows; a token is the way out when two presets share a name.
/// </summary>
internal static class PresetChoice
{
    public static PtzPreset Find(IReadOnlyList<PtzPreset> presets, string wanted, Uri camera)
    {
        var byName = presets.Where(p => string.Equals(p.Name, wanted, StringComparison.Ordinal)).ToList();
        if (byName.Count == 0)
        {
            byName = presets.Where(p => string.Equals(p.Name.Trim(), wanted.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        }

        if (byName.Count == 1)
        {
            return byName[0];
        }

        var byToken = presets.FirstOrDefault(p => string.Equals(p.Token, wanted.Trim(), StringComparison.Ordinal));
        if (byToken is not null)
        {
            return byToken;
        }

        var message = byName.Count == 0
            ? $"The camera at {UriText.Redact(camera)} has no preset named or numbered '{wanted}'."
            : $"The camera at {UriText.Redact(camera)} has {byName.Count} presets named '{wanted}' (tokens {string.Join(", ", byName.Select(p => p.Token))}): give the token instead.";
        throw new OnvifPresetNotFoundException(message)
        {
            Endpoint = camera,
            Operation = "GotoPreset",
            PresetName = wanted,
            AvailablePresets = presets,
        };
    }
}
