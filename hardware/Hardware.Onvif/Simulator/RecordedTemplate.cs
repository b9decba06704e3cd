using System.Globalization;
using System.Text.RegularExpressions;

namespace Hardware.Onvif.Simulator;

/// <summary>
/// Fills in a recorded response: <c>CAMERA_HOST</c> and agsh's doT markers (<c>{{? cond }}…{{?}}</c>,
/// <c>{{=expr}}</c>). Only the handful of forms the corpus uses are understood.
/// </summary>
internal static partial class RecordedTemplate
{
    /// <param name="text">The recorded text.</param>
    /// <param name="httpHost">What replaces CAMERA_HOST in http URLs: <c>host:port</c>.</param>
    /// <param name="host">What replaces it in other URLs (rtsp): the host alone.</param>
    /// <param name="port">The HTTP port, for <c>{{=it.port}}</c>.</param>
    /// <param name="now">The camera's time, for <c>new Date()</c>.</param>
    public static string Render(string text, string httpHost, string host, int port, DateTimeOffset now)
    {
        // "it.bad" selects the mockup's broken variants; the virtual camera is the good one.
        text = BadBlock().Replace(text, string.Empty);
        text = ConditionMarker().Replace(text, string.Empty);
        text = Expression().Replace(text, match => match.Groups[1].Value.Trim() switch
        {
            "it.hostname" => host,
            "it.port" => port.ToString(CultureInfo.InvariantCulture),
            "it.pullPointUrl" => "/onvif/pullpoint",
            "new Date().toISOString()" => Iso(now),
            "new Date(Date.now()+5000).toISOString()" => Iso(now.AddSeconds(5)),
            _ => string.Empty,
        });
        text = text.Replace("rtsp://CAMERA_HOST", "rtsp://" + host, StringComparison.Ordinal);
        return text.Replace("CAMERA_HOST", httpHost, StringComparison.Ordinal);
    }

    private static string Iso(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\{\{\?\s*it\.bad\s*\}\}.*?\{\{\?\}\}", RegexOptions.Singleline)]
    private static partial Regex BadBlock();

    [GeneratedRegex(@"\{\{\?[^}]*\}\}")]
    private static partial Regex ConditionMarker();

    [GeneratedRegex(@"\{\{=(.*?)\}\}")]
    private static partial Regex Expression();
}
