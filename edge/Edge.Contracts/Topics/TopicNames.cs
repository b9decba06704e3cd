namespace Edge.Contracts.Topics;

/// <summary>
/// The versioned MQTT topic tree shared by boxes and relay. Every topic is scoped by site and device so that a
/// broker ACL can confine a device to <c>edge/v1/{site}/{device}/#</c>. Only MQTT 3.1.1 features are relied on.
/// </summary>
public static class TopicNames
{
    /// <summary>The version segment; a breaking change of any payload bumps it.</summary>
    public const string Version = "v1";

    public const string Root = "edge/" + Version;

    /// <summary>Edge → relay, QoS 1: one <see cref="Messages.AlertEvent"/> per message.</summary>
    public static string Alerts(string site, string device) => $"{DeviceRoot(site, device)}/alerts";

    /// <summary>Edge → relay, QoS 1: snapshot <paramref name="index"/> of an alert, raw JPEG bytes.</summary>
    public static string Media(string site, string device, Guid alertId, int index) =>
        $"{DeviceRoot(site, device)}/media/{alertId:D}/{index}";

    /// <summary>Edge → relay, QoS 1, retained: online status, or the offline Last Will.</summary>
    public static string Status(string site, string device) => $"{DeviceRoot(site, device)}/status";

    /// <summary>Edge → relay, QoS 0: periodic health.</summary>
    public static string Heartbeat(string site, string device) => $"{DeviceRoot(site, device)}/heartbeat";

    /// <summary>Relay → edge, QoS 1: commands for one device.</summary>
    public static string Commands(string site, string device) => $"{DeviceRoot(site, device)}/commands";

    /// <summary>Relay → edge, QoS 1: what the relay has committed to its store.</summary>
    public static string Receipts(string site, string device) => $"{DeviceRoot(site, device)}/receipts";

    /// <summary>The subtree a device may use, and nothing else.</summary>
    public static string DeviceSubtree(string site, string device) => $"{DeviceRoot(site, device)}/#";

    public static string DeviceRoot(string site, string device)
    {
        Identifiers.EnsureValid(site, nameof(site));
        Identifiers.EnsureValid(device, nameof(device));
        return $"{Root}/{site}/{device}";
    }

    /// <summary>
    /// Splits a topic of this tree. Returns false for anything that is not exactly one of the topics above,
    /// so that a relay never acts on a topic it does not understand.
    /// </summary>
    public static bool TryParse(string topic, out ParsedTopic parsed)
    {
        parsed = default;
        var parts = topic.Split('/');
        if (parts.Length < 5 || parts[0] != "edge" || parts[1] != Version)
        {
            return false;
        }

        var site = parts[2];
        var device = parts[3];
        if (!Identifiers.IsValid(site) || !Identifiers.IsValid(device))
        {
            return false;
        }

        var kind = (parts.Length, parts[4]) switch
        {
            (5, "alerts") => TopicKind.Alerts,
            (5, "status") => TopicKind.Status,
            (5, "heartbeat") => TopicKind.Heartbeat,
            (5, "commands") => TopicKind.Commands,
            (5, "receipts") => TopicKind.Receipts,
            (7, "media") => TopicKind.Media,
            _ => TopicKind.Unknown,
        };
        if (kind == TopicKind.Unknown)
        {
            return false;
        }

        Guid alertId = default;
        var index = 0;
        if (kind == TopicKind.Media &&
            (!Guid.TryParseExact(parts[5], "D", out alertId) ||
             !int.TryParse(parts[6], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out index) ||
             index < 1 || index > MessageLimits.MaxSnapshotsPerAlert))
        {
            return false;
        }

        parsed = new ParsedTopic(site, device, kind, alertId, index);
        return true;
    }
}
