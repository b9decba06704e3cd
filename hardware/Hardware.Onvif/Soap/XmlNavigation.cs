using System.Globalization;
using System.Xml.Linq;
using Hardware.Onvif.Errors;

namespace Hardware.Onvif.Soap;

/// <summary>
/// Lookups by local name. Cameras put ONVIF types in the wrong namespace often enough (tt vs trt vs tr2,
/// protocols.md §3.1 and §3.8) that matching the namespace too would reject answers that are perfectly
/// usable; inside one ONVIF response the local names we look for are unambiguous.
/// </summary>
internal static class XmlNavigation
{
    public static XElement? Child(this XElement element, string localName) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    public static IEnumerable<XElement> Children(this XElement element, string localName) =>
        element.Elements().Where(e => e.Name.LocalName == localName);

    public static XElement? Descendant(this XElement element, string localName) =>
        element.Descendants().FirstOrDefault(e => e.Name.LocalName == localName);

    public static XElement? Path(this XElement element, params string[] localNames)
    {
        XElement? current = element;
        foreach (string name in localNames)
        {
            current = current?.Child(name);
        }

        return current;
    }

    public static string? ChildText(this XElement element, string localName) => element.Child(localName)?.Value.Trim();

    public static string? AttributeValue(this XElement element, string localName) =>
        element.Attributes().FirstOrDefault(a => a.Name.LocalName == localName)?.Value.Trim();

    public static string RequiredChildText(this XElement element, string localName, string operation)
    {
        string? text = element.ChildText(localName);
        return string.IsNullOrEmpty(text)
            ? throw new OnvifProtocolException($"{operation}: the answer has no <{localName}> in <{element.Name.LocalName}>.")
            : text;
    }

    public static int? ChildInt(this XElement element, string localName) =>
        int.TryParse(element.ChildText(localName), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) ? value : null;

    public static double? AttributeDouble(this XElement element, string localName) =>
        double.TryParse(element.AttributeValue(localName), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : null;

    /// <summary>xs:boolean accepts "true"/"false"/"1"/"0".</summary>
    public static bool? ChildBool(this XElement element, string localName) => element.ChildText(localName) switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };
}
