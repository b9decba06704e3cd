using System.Xml.Linq;

namespace Hardware.Onvif.Soap;

/// <summary>A SOAP fault as found in an answer: SOAP 1.2 (Code/Subcode/Reason, ONVIF Core §5.11) or SOAP 1.1.</summary>
/// <param name="Code">Local name of the top code, e.g. <c>Sender</c> or <c>Receiver</c>.</param>
/// <param name="Subcodes">Local names of the nested subcodes, outermost first, e.g. <c>NotAuthorized</c>.</param>
/// <param name="Reason">The human text the camera gave, if any.</param>
internal sealed record SoapFault(string Code, IReadOnlyList<string> Subcodes, string? Reason)
{
    public bool HasSubcode(string localName) =>
        Subcodes.Any(s => string.Equals(s, localName, StringComparison.OrdinalIgnoreCase));

    public static SoapFault Read(XElement fault)
    {
        XElement? code = fault.Child("Code");
        if (code is not null)
        {
            var subcodes = new List<string>();
            for (XElement? sub = code.Child("Subcode"); sub is not null; sub = sub.Child("Subcode"))
            {
                subcodes.Add(LocalPart(sub.ChildText("Value")));
            }

            string? reason = fault.Child("Reason")?.Children("Text").Select(t => t.Value.Trim()).FirstOrDefault(t => t.Length > 0);
            return new SoapFault(LocalPart(code.ChildText("Value")), subcodes, reason);
        }

        // SOAP 1.1 shape, still answered by some older firmware.
        string? faultCode = fault.ChildText("faultcode");
        return new SoapFault(LocalPart(faultCode), [], fault.ChildText("faultstring"));
    }

    /// <summary>"ter:NotAuthorized" → "NotAuthorized"; the prefix is often undeclared, so it is not resolved.</summary>
    private static string LocalPart(string? qualifiedName)
    {
        if (string.IsNullOrWhiteSpace(qualifiedName))
        {
            return string.Empty;
        }

        string trimmed = qualifiedName.Trim();
        int colon = trimmed.LastIndexOf(':');
        return colon >= 0 ? trimmed[(colon + 1)..].Trim() : trimmed;
    }
}
