using System.Xml.Linq;
using Hardware.Onvif.Errors;

namespace Hardware.Onvif.Soap;

/// <summary>Builds the SOAP 1.2 envelopes we send and opens the ones we receive.</summary>
internal static class SoapEnvelope
{
    public static XDocument Create(XElement body, XElement? securityHeader = null)
    {
        XNamespace s = OnvifNamespaces.Soap12;
        var envelope = new XElement(s + "Envelope", new XAttribute(XNamespace.Xmlns + "s", s.NamespaceName));
        if (securityHeader is not null)
        {
            envelope.Add(new XElement(s + "Header", securityHeader));
        }

        envelope.Add(new XElement(s + "Body", body));
        return new XDocument(envelope);
    }

    /// <summary>Returns the Body element of a parsed answer, or throws if the document is not a SOAP envelope.</summary>
    public static XElement GetBody(XDocument document, string context)
    {
        XElement? root = document.Root;
        if (root is null || root.Name.LocalName != "Envelope")
        {
            throw new OnvifProtocolException(
                $"{context}: the answer is XML but not a SOAP envelope (its root is <{root?.Name.LocalName}>); is this really an ONVIF service?");
        }

        return root.Child("Body")
            ?? throw new OnvifProtocolException($"{context}: the SOAP envelope has no Body.");
    }

    /// <summary>The first element inside Body (the operation or its response), or null for an empty Body.</summary>
    public static XElement? GetPayload(XElement body) => body.Elements().FirstOrDefault();

    public static SoapFault? FindFault(XElement body)
    {
        XElement? fault = body.Child("Fault");
        return fault is null ? null : SoapFault.Read(fault);
    }

    /// <summary>The response element <c>{operation}Response</c>, checked by local name.</summary>
    public static XElement GetResponse(XElement body, string operation, string context)
    {
        string expected = operation + "Response";
        XElement? payload = GetPayload(body);
        if (payload is null)
        {
            throw new OnvifProtocolException($"{context}: the SOAP Body is empty, expected <{expected}>.");
        }

        return payload.Name.LocalName == expected
            ? payload
            : throw new OnvifProtocolException($"{context}: expected <{expected}> but the camera answered <{payload.Name.LocalName}>.");
    }
}
