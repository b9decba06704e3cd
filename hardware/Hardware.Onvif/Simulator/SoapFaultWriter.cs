using System.Xml.Linq;
using Hardware.Onvif.Soap;

namespace Hardware.Onvif.Simulator;

/// <summary>SOAP 1.2 faults with ONVIF subcodes (Core §5.11), as the virtual camera answers them.</summary>
internal static class SoapFaultWriter
{
    /// <param name="code"><c>Sender</c> or <c>Receiver</c>.</param>
    /// <param name="subcodes">ter: subcodes, outermost first.</param>
    /// <param name="reason">The human text.</param>
    public static string Create(string code, IReadOnlyList<string> subcodes, string reason)
    {
        XNamespace env = OnvifNamespaces.Soap12;
        XNamespace ter = OnvifNamespaces.Error;
        XElement? sub = null;
        for (int i = subcodes.Count - 1; i >= 0; i--)
        {
            sub = new XElement(env + "Subcode", new XElement(env + "Value", "ter:" + subcodes[i]), sub);
        }

        var envelope = new XElement(
            env + "Envelope",
            new XAttribute(XNamespace.Xmlns + "env", env.NamespaceName),
            new XAttribute(XNamespace.Xmlns + "ter", ter.NamespaceName),
            new XElement(
                env + "Body",
                new XElement(
                    env + "Fault",
                    new XElement(env + "Code", new XElement(env + "Value", "env:" + code), sub),
                    new XElement(env + "Reason", new XElement(env + "Text", new XAttribute(XNamespace.Xml + "lang", "en"), reason)))));
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + envelope.ToString(SaveOptions.DisableFormatting);
    }
}
