using System.Xml.Linq;
using Hardware.Onvif.Errors;
using Hardware.Onvif.Soap;

namespace Hardware.Onvif.Media;

/// <summary>
/// Requests and answers of Media (ver10, media.wsdl) and Media2 (ver20). The two differ in shape:
/// Media2 GetProfiles needs a Type to return configurations, and its GetSnapshotUri returns
/// <c>tr2:Uri</c> directly where Media1 wraps it in <c>trt:MediaUri</c> (protocols.md §3.4, §3.8 item 11).
/// </summary>
internal static class MediaMessages
{
    private static readonly XNamespace s_tt = OnvifNamespaces.Schema;

    public static XElement GetProfiles(MediaServiceVersion version) => version == MediaServiceVersion.Media2
        ? new XElement(OnvifNamespaces.Media2 + "GetProfiles", new XElement(OnvifNamespaces.Media2 + "Type", "All"))
        : new XElement(OnvifNamespaces.Media + "GetProfiles");

    public static XElement GetSnapshotUri(MediaServiceVersion version, string profileToken)
    {
        XNamespace ns = Namespace(version);
        return new XElement(ns + "GetSnapshotUri", new XElement(ns + "ProfileToken", profileToken));
    }

    /// <summary>RTSP over RTP unicast, the setup every Profile S/T camera supports.</summary>
    public static XElement GetStreamUri(MediaServiceVersion version, string profileToken)
    {
        if (version == MediaServiceVersion.Media2)
        {
            XNamespace tr2 = OnvifNamespaces.Media2;
            return new XElement(tr2 + "GetStreamUri", new XElement(tr2 + "Protocol", "RTSP"), new XElement(tr2 + "ProfileToken", profileToken));
        }

        XNamespace trt = OnvifNamespaces.Media;
        return new XElement(
            trt + "GetStreamUri",
            new XElement(
                trt + "StreamSetup",
                new XElement(s_tt + "Stream", "RTP-Unicast"),
                new XElement(s_tt + "Transport", new XElement(s_tt + "Protocol", "RTSP"))),
            new XElement(trt + "ProfileToken", profileToken));
    }

    public static IReadOnlyList<MediaProfile> ParseProfiles(XElement response)
    {
        var profiles = new List<MediaProfile>();
        foreach (XElement profile in response.Children("Profiles"))
        {
            string? token = profile.AttributeValue("token");
            if (string.IsNullOrEmpty(token))
            {
                throw new OnvifProtocolException("GetProfiles: a profile has no token.");
            }

            // Media1 puts configurations directly in the profile; Media2 under Configurations with other names.
            XElement? configurations = profile.Child("Configurations");
            XElement? encoder = profile.Child("VideoEncoderConfiguration") ?? configurations?.Child("VideoEncoder");
            XElement? ptz = profile.Child("PTZConfiguration") ?? configurations?.Child("PTZ");
            XElement? resolution = encoder?.Child("Resolution");
            profiles.Add(new MediaProfile(
                token,
                profile.ChildText("Name") ?? token,
                encoder?.ChildText("Encoding"),
                resolution?.ChildInt("Width"),
                resolution?.ChildInt("Height"),
                ptz is null ? null : ptz.AttributeValue("token") ?? string.Empty));
        }

        return profiles;
    }

    /// <summary>The URI of a GetSnapshotUri or GetStreamUri answer, Media1 or Media2 shape.</summary>
    public static Uri ParseMediaUri(XElement response)
    {
        string operation = response.Name.LocalName.Replace("Response", string.Empty, StringComparison.Ordinal);
        string? text = (response.Child("MediaUri")?.Child("Uri") ?? response.Child("Uri") ?? response.Descendant("Uri"))?.Value.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw new OnvifProtocolException($"{operation}: the answer has no URI.");
        }

        return Uri.TryCreate(text, UriKind.Absolute, out Uri? uri)
            ? uri
            : throw new OnvifProtocolException($"{operation}: '{text}' is not an absolute URI.");
    }

    private static XNamespace Namespace(MediaServiceVersion version) =>
        version == MediaServiceVersion.Media2 ? OnvifNamespaces.Media2 : OnvifNamespaces.Media;
}
