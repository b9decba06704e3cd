using System.Net;
using System.Text;
using System.Xml.Linq;
using Hardware.Onvif.Errors;
using Hardware.Onvif.Soap;

namespace Hardware.Onvif.Discovery;

/// <summary>WS-Discovery (2005/04 draft, as ONVIF Core §7 uses it) Probe and ProbeMatches.</summary>
internal static class DiscoveryMessages
{
    public const string ProbeAction = "http://schemas.xmlsoap.org/ws/2005/04/discovery/Probe";
    public const string ProbeMatchesAction = "http://schemas.xmlsoap.org/ws/2005/04/discovery/ProbeMatches";
    private const string AnonymousRole = "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous";
    private const string DiscoveryTo = "urn:schemas-xmlsoap-org:ws:2005:04:discovery";
    private const string ScopePrefix = "onvif://www.onvif.org/";

    /// <summary>A Probe for NetworkVideoTransmitter, the type every ONVIF camera lists (protocols.md §3.5).</summary>
    public static byte[] CreateProbe(string messageId)
    {
        XNamespace s = OnvifNamespaces.Soap12;
        XNamespace a = OnvifNamespaces.Addressing;
        XNamespace d = OnvifNamespaces.Discovery;
        XNamespace dn = OnvifNamespaces.Network;
        var envelope = new XElement(
            s + "Envelope",
            new XAttribute(XNamespace.Xmlns + "s", s.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "a", a.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "d", d.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "dn", dn.NamespaceName),
            new XElement(
                s + "Header",
                new XElement(a + "Action", new XAttribute(s + "mustUnderstand", "1"), ProbeAction),
                new XElement(a + "MessageID", messageId),
                new XElement(a + "ReplyTo", new XElement(a + "Address", AnonymousRole)),
                new XElement(a + "To", new XAttribute(s + "mustUnderstand", "1"), DiscoveryTo)),
            new XElement(s + "Body", new XElement(d + "Probe", new XElement(d + "Types", "dn:NetworkVideoTransmitter"))));
        return Encoding.UTF8.GetBytes(envelope.ToString(SaveOptions.DisableFormatting));
    }

    /// <summary>
    /// The matches in a datagram, or an empty list when it is not a ProbeMatches answering
    /// <paramref name="messageId"/> (another device's Hello, an answer to someone else's Probe, garbage).
    /// A ProbeMatches without RelatesTo is accepted: some cameras leave it out.
    /// </summary>
    public static IReadOnlyList<DiscoveredCamera> ParseProbeMatches(ReadOnlySpan<byte> datagram, string messageId, IPEndPoint source)
    {
        XElement envelope;
        try
        {
            envelope = TolerantXmlParser.Parse(datagram, null, $"WS-Discovery answer from {source}").Root!;
        }
        catch (OnvifProtocolException)
        {
            return [];
        }

        string? relatesTo = envelope.Child("Header")?.ChildText("RelatesTo");
        XElement? matches = envelope.Child("Body")?.Child("ProbeMatches");
        if (matches is null || (relatesTo is not null && !string.Equals(relatesTo, messageId, StringComparison.Ordinal)))
        {
            return [];
        }

        var cameras = new List<DiscoveredCamera>();
        foreach (XElement match in matches.Children("ProbeMatch"))
        {
            IReadOnlyList<Uri> xaddrs = SplitList(match.ChildText("XAddrs"))
                .Select(x => Uri.TryCreate(x, UriKind.Absolute, out Uri? uri) ? uri : null)
                .OfType<Uri>()
                .ToList();
            string? reference = match.Child("EndpointReference")?.ChildText("Address");
            if (string.IsNullOrEmpty(reference) && xaddrs.Count == 0)
            {
                continue;
            }

            IReadOnlyList<string> scopes = SplitList(match.ChildText("Scopes"));
            cameras.Add(new DiscoveredCamera(
                string.IsNullOrEmpty(reference) ? xaddrs[0].ToString() : reference,
                xaddrs,
                SplitList(match.ChildText("Types")),
                scopes,
                ScopeValue(scopes, "name/"),
                ScopeValue(scopes, "hardware/"),
                ScopeValue(scopes, "location/"),
                source));
        }

        return cameras;
    }

    /// <summary>The MessageID of a Probe, for the virtual camera; null when the datagram is not a Probe.</summary>
    public static string? ReadProbeMessageId(ReadOnlySpan<byte> datagram)
    {
        try
        {
            XElement envelope = TolerantXmlParser.Parse(datagram, null, "WS-Discovery Probe").Root!;
            return envelope.Child("Body")?.Child("Probe") is null ? null : envelope.Child("Header")?.ChildText("MessageID");
        }
        catch (OnvifProtocolException)
        {
            return null;
        }
    }

    private static List<string> SplitList(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : [.. text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)];

    private static string? ScopeValue(IEnumerable<string> scopes, string kind)
    {
        string? scope = scopes.FirstOrDefault(s => s.StartsWith(ScopePrefix + kind, StringComparison.OrdinalIgnoreCase));
        if (scope is null)
        {
            return null;
        }

        string value = Uri.UnescapeDataString(scope[(ScopePrefix.Length + kind.Length)..]);
        return value.Length == 0 ? null : value;
    }
}
