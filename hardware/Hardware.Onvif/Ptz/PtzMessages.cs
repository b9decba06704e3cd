using System.Globalization;
using System.Xml.Linq;
using Hardware.Onvif.Errors;
using Hardware.Onvif.Soap;

namespace Hardware.Onvif.Ptz;

/// <summary>Requests and answers of the PTZ service (ptz.wsdl, ver20). Position types live in tt (ver10 schema).</summary>
internal static class PtzMessages
{
    private static readonly XNamespace s_tptz = OnvifNamespaces.Ptz;
    private static readonly XNamespace s_tt = OnvifNamespaces.Schema;

    public static XElement GetPresets(string profileToken) =>
        new(s_tptz + "GetPresets", new XElement(s_tptz + "ProfileToken", profileToken));

    public static XElement GotoPreset(string profileToken, string presetToken, PtzPosition? speed)
    {
        var request = new XElement(
            s_tptz + "GotoPreset",
            new XElement(s_tptz + "ProfileToken", profileToken),
            new XElement(s_tptz + "PresetToken", presetToken));
        if (speed is not null)
        {
            request.Add(Vector(s_tptz + "Speed", speed));
        }

        return request;
    }

    public static XElement AbsoluteMove(string profileToken, PtzPosition position, PtzPosition? speed)
    {
        // Without a space attribute the profile's default spaces apply (PTZ §5.3.1), generic on every camera we know.
        var request = new XElement(
            s_tptz + "AbsoluteMove",
            new XElement(s_tptz + "ProfileToken", profileToken),
            Vector(s_tptz + "Position", position));
        if (speed is not null)
        {
            request.Add(Vector(s_tptz + "Speed", speed));
        }

        return request;
    }

    public static XElement GetStatus(string profileToken) =>
        new(s_tptz + "GetStatus", new XElement(s_tptz + "ProfileToken", profileToken));

    public static IReadOnlyList<PtzPreset> ParsePresets(XElement response)
    {
        var presets = new List<PtzPreset>();
        foreach (XElement preset in response.Children("Preset"))
        {
            string? token = preset.AttributeValue("token");
            if (string.IsNullOrEmpty(token))
            {
                throw new OnvifProtocolException("GetPresets: a preset has no token.");
            }

            presets.Add(new PtzPreset(token, preset.ChildText("Name") ?? string.Empty, ParseVector(preset.Child("PTZPosition"))));
        }

        return presets;
    }

    public static PtzStatus ParseStatus(XElement response)
    {
        XElement status = response.Child("PTZStatus")
            ?? throw new OnvifProtocolException("GetStatus: the answer has no <PTZStatus>.");
        XElement? moveStatus = status.Child("MoveStatus");
        DateTimeOffset? cameraTime = DateTimeOffset.TryParse(status.ChildText("UtcTime"), CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset parsed) ? parsed : null;
        return new PtzStatus(
            ParseVector(status.Child("Position")),
            ParseMoveStatus(moveStatus?.ChildText("PanTilt")),
            ParseMoveStatus(moveStatus?.ChildText("Zoom")),
            cameraTime);
    }

    private static PtzMoveStatus ParseMoveStatus(string? text) => text?.ToUpperInvariant() switch
    {
        "IDLE" => PtzMoveStatus.Idle,
        "MOVING" => PtzMoveStatus.Moving,
        _ => PtzMoveStatus.Unknown,
    };

    private static PtzPosition? ParseVector(XElement? vector)
    {
        if (vector is null)
        {
            return null;
        }

        XElement? panTilt = vector.Child("PanTilt");
        XElement? zoom = vector.Child("Zoom");
        return panTilt is null && zoom is null
            ? null
            : new PtzPosition(panTilt?.AttributeDouble("x"), panTilt?.AttributeDouble("y"), zoom?.AttributeDouble("x"));
    }

    private static XElement Vector(XName name, PtzPosition position)
    {
        var vector = new XElement(name);
        if (position.Pan is not null || position.Tilt is not null)
        {
            // Both attributes are required by tt:Vector2D; an unset axis becomes 0 only if the other is set.
            vector.Add(new XElement(
                s_tt + "PanTilt",
                new XAttribute("x", Format(position.Pan ?? 0)),
                new XAttribute("y", Format(position.Tilt ?? 0))));
        }

        if (position.Zoom is not null)
        {
            vector.Add(new XElement(s_tt + "Zoom", new XAttribute("x", Format(position.Zoom.Value))));
        }

        return vector;
    }

    private static string Format(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
}
