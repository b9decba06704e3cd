using System.Xml.Linq;

namespace Hardware.Onvif.Soap;

/// <summary>XML namespaces of the ONVIF subset we speak (protocols.md §3.1, onvif/specs WSDL targetNamespaces).</summary>
internal static class OnvifNamespaces
{
    public static readonly XNamespace Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    public static readonly XNamespace Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public static readonly XNamespace Device = "http://www.onvif.org/ver10/device/wsdl";
    public static readonly XNamespace Media = "http://www.onvif.org/ver10/media/wsdl";
    public static readonly XNamespace Media2 = "http://www.onvif.org/ver20/media/wsdl";
    public static readonly XNamespace Ptz = "http://www.onvif.org/ver20/ptz/wsdl";
    public static readonly XNamespace Imaging = "http://www.onvif.org/ver20/imaging/wsdl";
    public static readonly XNamespace Events = "http://www.onvif.org/ver10/events/wsdl";
    public static readonly XNamespace DeviceIo = "http://www.onvif.org/ver10/deviceIO/wsdl";
    public static readonly XNamespace Schema = "http://www.onvif.org/ver10/schema";
    public static readonly XNamespace Error = "http://www.onvif.org/ver10/error";
    public static readonly XNamespace Network = "http://www.onvif.org/ver10/network/wsdl";
    public static readonly XNamespace WsSecurity = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public static readonly XNamespace WsUtility = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

    /// <summary>WS-Addressing 2004/08 and WS-Discovery 2005/04: the drafts ONVIF Core §7 still uses.</summary>
    public static readonly XNamespace Addressing = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    public static readonly XNamespace Discovery = "http://schemas.xmlsoap.org/ws/2005/04/discovery";

    public const string PasswordDigestType =
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
    public const string Base64BinaryEncoding =
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";

    /// <summary>
    /// Prefixes seen in camera answers, with the namespace they always stand for. Used only to repair
    /// documents that use a prefix without declaring it (protocols.md §3.8 item 9: nine recorded files
    /// use <c>SOAP-ENV:</c>, <c>wsse:</c> or <c>trt:</c> undeclared).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> WellKnownPrefixes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["SOAP-ENV"] = Soap12.NamespaceName,
        ["soap"] = Soap12.NamespaceName,
        ["soapenv"] = Soap12.NamespaceName,
        ["env"] = Soap12.NamespaceName,
        ["s"] = Soap12.NamespaceName,
        ["SOAP-ENC"] = "http://www.w3.org/2003/05/soap-encoding",
        ["xsi"] = "http://www.w3.org/2001/XMLSchema-instance",
        ["xsd"] = "http://www.w3.org/2001/XMLSchema",
        ["xs"] = "http://www.w3.org/2001/XMLSchema",
        ["tt"] = Schema.NamespaceName,
        ["tds"] = Device.NamespaceName,
        ["trt"] = Media.NamespaceName,
        ["tr2"] = Media2.NamespaceName,
        ["tptz"] = Ptz.NamespaceName,
        ["timg"] = Imaging.NamespaceName,
        ["tev"] = Events.NamespaceName,
        ["tmd"] = DeviceIo.NamespaceName,
        ["ter"] = Error.NamespaceName,
        ["dn"] = Network.NamespaceName,
        ["wsse"] = WsSecurity.NamespaceName,
        ["wsu"] = WsUtility.NamespaceName,
        ["wsa"] = Addressing.NamespaceName,
        ["wsa5"] = "http://www.w3.org/2005/08/addressing",
        ["wsdd"] = Discovery.NamespaceName,
        ["wsnt"] = "http://docs.oasis-open.org/wsn/b-2",
        ["tns1"] = "http://www.onvif.org/ver10/topics",
    };
}
