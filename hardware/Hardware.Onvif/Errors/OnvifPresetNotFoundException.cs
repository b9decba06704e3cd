namespace Hardware.Onvif.Errors;

/// <summary>No single preset answers to the name asked for: none has it, or several do (the message lists them).</summary>
public sealed class OnvifPresetNotFoundException : OnvifException
{
    public OnvifPresetNotFoundException()
    {
    }

    public OnvifPresetNotFoundException(string message)
        : base(message)
    {
    }

    public OnvifPresetNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The name that was looked up.</summary>
    public string? PresetName { get; init; }

    /// <summary>The presets the camera has, to show the installer what to choose from.</summary>
    public IReadOnlyList<Ptz.PtzPreset> AvailablePresets { get; init; } = [];
}
