using Hardware.Onvif.Errors;
using Hardware.Onvif.Ptz;

namespace Hardware.Onvif.Tests.Ptz;

public sealed class PresetLookupTests
{
    private static readonly Uri s_camera = new("http://127.0.0.1:1/onvif/device_service");

    private static readonly PtzPreset[] s_presets =
    [
        new("1", "Entrée", null),
        new("2", "Accueil", null),
        new("3", "accueil ", null),
        new("4", "Parking", null),
    ];

    [Fact]
    public void ExactName_WinsOverCaseInsensitiveOnes()
    {
        Assert.Equal("2", PresetLookup.FindByName(s_presets, "Accueil", s_camera).Token);
    }

    [Fact]
    public void OtherCase_MatchesWhenUnique()
    {
        Assert.Equal("4", PresetLookup.FindByName(s_presets, "PARKING", s_camera).Token);
    }

    [Fact]
    public void OtherCaseMatchingTwo_IsAmbiguous()
    {
        OnvifPresetNotFoundException error = Assert.Throws<OnvifPresetNotFoundException>(() => PresetLookup.FindByName(s_presets, "ACCUEIL", s_camera));

        Assert.Contains("2 presets named 'ACCUEIL'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownName_ListsThePresets()
    {
        OnvifPresetNotFoundException error = Assert.Throws<OnvifPresetNotFoundException>(() => PresetLookup.FindByName(s_presets, "Cour", s_camera));

        Assert.Contains("'Entrée' (token 1)", error.Message, StringComparison.Ordinal);
        Assert.Equal("Cour", error.PresetName);
    }
}
