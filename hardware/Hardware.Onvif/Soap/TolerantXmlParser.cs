using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using Hardware.Onvif.Errors;

namespace Hardware.Onvif.Soap;

/// <summary>
/// Parses what cameras send, which is not always XML: protocols.md §3.8 item 9 lists, in the recorded
/// corpus alone, <c>encoding="utf-16"</c> declared on ASCII bytes, typographic quotes in the XML
/// declaration, and prefixes used without a declaration. Everything that cannot be recovered ends as an
/// <see cref="OnvifProtocolException"/>, never as an <see cref="XmlException"/>.
/// </summary>
internal static partial class TolerantXmlParser
{
    private const int MaxExcerptLength = 80;

    private static readonly XmlReaderSettings s_readerSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <param name="body">The bytes as received.</param>
    /// <param name="charset">The charset of the HTTP Content-Type, if any.</param>
    /// <param name="context">What was being read, for the error message (operation and URL).</param>
    public static XDocument Parse(ReadOnlySpan<byte> body, string? charset, string context)
    {
        string text = Decode(body, charset);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new OnvifProtocolException($"{context}: the answer is empty, not a SOAP message.");
        }

        // The declaration is dropped rather than read: we parse a string that is already decoded, so
        // the declared encoding can only be wrong, and some cameras write it with curly quotes.
        text = XmlDeclaration().Replace(text, string.Empty, 1);

        try
        {
            return Load(text);
        }
        catch (XmlException first)
        {
            string repaired = DeclareUndeclaredPrefixes(text);
            if (!ReferenceEquals(repaired, text))
            {
                try
                {
                    return Load(repaired);
                }
                catch (XmlException)
                {
                    // Report the first error: it describes the document as the camera sent it.
                }
            }

            throw new OnvifProtocolException(
                $"{context}: the answer is not well-formed XML ({first.Message}). It begins with: {Excerpt(text)}", first);
        }
    }

    internal static string Decode(ReadOnlySpan<byte> body, string? charset)
    {
        // Byte order marks and the zero bytes of UTF-16 say more than any label the camera put on them.
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(body[3..]);
        }

        if (body.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(body[2..]);
        }

        if (body.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(body[2..]);
        }

        if (body.Length >= 2 && body[0] == (byte)'<' && body[1] == 0)
        {
            return Encoding.Unicode.GetString(body);
        }

        if (body.Length >= 2 && body[0] == 0 && body[1] == (byte)'<')
        {
            return Encoding.BigEndianUnicode.GetString(body);
        }

        Encoding encoding = Encoding.UTF8;
        if (!string.IsNullOrWhiteSpace(charset) && !charset.Contains("16", StringComparison.Ordinal) && !charset.Contains("32", StringComparison.Ordinal))
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim().Trim('"'));
            }
            catch (ArgumentException)
            {
                // An unknown label: UTF-8 is what SOAP 1.2 over HTTP uses anyway.
            }
        }

        return encoding.GetString(body);
    }

    private static XDocument Load(string text)
    {
        using var stringReader = new StringReader(text);
        using var xmlReader = XmlReader.Create(stringReader, s_readerSettings);
        return XDocument.Load(xmlReader);
    }

    /// <summary>
    /// Adds, on the root element, a declaration for every prefix used but declared nowhere: the
    /// namespace it always stands for in ONVIF when we know it, a placeholder otherwise (lookups go by
    /// local name, so a placeholder is enough to read the document).
    /// </summary>
    internal static string DeclareUndeclaredPrefixes(string text)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal) { "xml", "xmlns" };
        foreach (Match match in PrefixDeclaration().Matches(text))
        {
            declared.Add(match.Groups[1].Value);
        }

        var missing = new List<string>();
        foreach (Match match in ElementPrefix().Matches(text).Concat(AttributePrefix().Matches(text)))
        {
            string prefix = match.Groups[1].Value;
            if (!declared.Contains(prefix) && !missing.Contains(prefix))
            {
                missing.Add(prefix);
            }
        }

        Match root = RootElementName().Match(text);
        if (missing.Count == 0 || !root.Success)
        {
            return text;
        }

        var declarations = new StringBuilder();
        foreach (string prefix in missing)
        {
            string uri = OnvifNamespaces.WellKnownPrefixes.TryGetValue(prefix, out string? known) ? known : "urn:undeclared-prefix:" + prefix;
            declarations.Append(" xmlns:").Append(prefix).Append("=\"").Append(uri).Append('"');
        }

        int insertAt = root.Index + root.Length;
        return string.Concat(text.AsSpan(0, insertAt), declarations.ToString(), text.AsSpan(insertAt));
    }

    private static string Excerpt(string text)
    {
        string flat = WhitespaceRun().Replace(text.Trim(), " ");
        return flat.Length <= MaxExcerptLength ? flat : flat[..MaxExcerptLength] + "…";
    }

    [GeneratedRegex(@"^\uFEFF?\s*<\?xml.*?\?>", RegexOptions.Singleline)]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"xmlns:([A-Za-z_][\w.\-]*)\s*=")]
    private static partial Regex PrefixDeclaration();

    [GeneratedRegex(@"</?([A-Za-z_][\w.\-]*):[A-Za-z_]")]
    private static partial Regex ElementPrefix();

    [GeneratedRegex(@"\s([A-Za-z_][\w.\-]*):[A-Za-z_][\w.\-]*\s*=\s*[""']")]
    private static partial Regex AttributePrefix();

    [GeneratedRegex(@"<[A-Za-z_][\w.\-:]*")]
    private static partial Regex RootElementName();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhitespaceRun();
}
