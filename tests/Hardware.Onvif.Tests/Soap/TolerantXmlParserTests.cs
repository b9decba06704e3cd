using System.Text;
using System.Xml.Linq;
using Hardware.Onvif.Errors;
using Hardware.Onvif.Soap;

namespace Hardware.Onvif.Tests.Soap;

public sealed class TolerantXmlParserTests
{
    private const string Body = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><x/></s:Body></s:Envelope>";

    [Fact]
    public void Parse_IgnoresAUtf16DeclarationOnAsciiBytes()
    {
        XDocument document = TolerantXmlParser.Parse(Encoding.ASCII.GetBytes("<?xml version=\"1.0\" encoding=\"utf-16\"?>" + Body), null, "test");

        Assert.Equal("Envelope", document.Root!.Name.LocalName);
    }

    [Fact]
    public void Parse_IgnoresCurlyQuotesInTheDeclaration()
    {
        XDocument document = TolerantXmlParser.Parse(Encoding.UTF8.GetBytes("<?xml version=”1.0” ?>\n" + Body), null, "test");

        Assert.Equal("Envelope", document.Root!.Name.LocalName);
    }

    [Fact]
    public void Parse_ReadsRealUtf16WithAByteOrderMark()
    {
        byte[] bytes = [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("<?xml version=\"1.0\" encoding=\"utf-16\"?>" + Body)];

        Assert.Equal("Envelope", TolerantXmlParser.Parse(bytes, null, "test").Root!.Name.LocalName);
    }

    [Fact]
    public void Parse_DeclaresAnUndeclaredSoapPrefix_WithTheSoap12Namespace()
    {
        XDocument document = TolerantXmlParser.Parse(
            Encoding.UTF8.GetBytes("<SOAP-ENV:Envelope><SOAP-ENV:Body><trt:R><tt:Uri>u</tt:Uri><odd:x/></trt:R></SOAP-ENV:Body></SOAP-ENV:Envelope>"), null, "test");

        Assert.Equal(OnvifNamespaces.Soap12 + "Envelope", document.Root!.Name);
        Assert.Equal(OnvifNamespaces.Schema + "Uri", document.Root.Descendants().Single(e => e.Name.LocalName == "Uri").Name);
        Assert.Equal("urn:undeclared-prefix:odd", document.Root.Descendants().Single(e => e.Name.LocalName == "x").Name.NamespaceName);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("lollipop")]
    [InlineData("<html><body>Login<br></body></html>")]
    [InlineData("<a><b></a>")]
    [InlineData("<!DOCTYPE x [<!ENTITY e \"boom\">]><x>&e;</x>")]
    public void Parse_WhatCannotBeRead_IsAnOnvifProtocolException(string text)
    {
        OnvifProtocolException error = Assert.Throws<OnvifProtocolException>(() => TolerantXmlParser.Parse(Encoding.UTF8.GetBytes(text), null, "GetThing at http://cam"));

        Assert.StartsWith("GetThing at http://cam", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetBody_OfXmlThatIsNotSoap_IsAnOnvifProtocolException()
    {
        XDocument document = TolerantXmlParser.Parse("<html><body/></html>"u8, null, "test");

        OnvifProtocolException error = Assert.Throws<OnvifProtocolException>(() => SoapEnvelope.GetBody(document, "test"));

        Assert.Contains("not a SOAP envelope", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_UsesTheHttpCharsetForLegacyEncodings()
    {
        Assert.Equal("é", TolerantXmlParser.Decode([0xE9], "iso-8859-1"));
        Assert.Equal("é", TolerantXmlParser.Decode([0xC3, 0xA9], "utf-16"));
    }
}
