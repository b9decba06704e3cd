using System.Text;

namespace Hardware.Sip.Messages;

/// <summary>
/// The value of a From, To, Contact, Route or Record-Route header: an optional display name,
/// a URI and header parameters such as <c>tag</c> or <c>expires</c> (RFC 3261 §20.10, §20.20, §20.39).
/// </summary>
internal sealed class NameAddress
{
    /// <summary>Creates a name-address.</summary>
    public NameAddress(SipUri uri, string? displayName = null, IEnumerable<KeyValuePair<string, string?>>? parameters = null)
    {
        Uri = uri;
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName;
        Parameters = parameters?.ToArray() ?? [];
    }

    /// <summary>The display name, unquoted, or null.</summary>
    public string? DisplayName { get; }

    /// <summary>The URI inside the angle brackets.</summary>
    public SipUri Uri { get; }

    /// <summary>The header parameters that follow the URI.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Parameters { get; }

    /// <summary>The <c>tag</c> parameter (dialog identification, §19.3), or null.</summary>
    public string? Tag => GetParameter("tag");

    /// <summary>Value of a header parameter, or null.</summary>
    public string? GetParameter(string name) =>
        Parameters.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>A copy with a header parameter added or replaced.</summary>
    public NameAddress WithParameter(string name, string? value)
    {
        var list = Parameters.Where(p => !string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).ToList();
        list.Add(new(name, value));
        return new NameAddress(Uri, DisplayName, list);
    }

    /// <summary>Parses one name-address (with or without angle brackets); throws <see cref="FormatException"/>.</summary>
    public static NameAddress Parse(string text)
    {
        var t = text.Trim();
        string? display = null;
        string uriText;
        string paramText;
        var open = IndexOfUnquoted(t, '<');
        if (open >= 0)
        {
            var close = t.IndexOf('>', open);
            if (close < 0)
            {
                throw new FormatException($"Unclosed '<' in '{text}'.");
            }
            display = HeaderText.Unquote(t[..open]);
            uriText = t[(open + 1)..close];
            paramText = t[(close + 1)..];
        }
        else
        {
            // addr-spec form: parameters after the URI belong to the header, not to the URI (§20.10).
            var semicolon = t.IndexOf(';', StringComparison.Ordinal);
            uriText = semicolon >= 0 ? t[..semicolon] : t;
            paramText = semicolon >= 0 ? t[semicolon..] : string.Empty;
        }
        var uri = SipUri.Parse(uriText);
        paramText = paramText.Trim();
        if (paramText.StartsWith(';'))
        {
            paramText = paramText[1..];
        }
        return new NameAddress(uri, display, SipUri.ParseParameters(paramText));
    }

    private static int IndexOfUnquoted(string text, char c)
    {
        var inQuotes = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && inQuotes)
            {
                i++;
                continue;
            }
            if (text[i] == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (!inQuotes && text[i] == c)
            {
                return i;
            }
        }
        return -1;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (DisplayName is not null)
        {
            sb.Append(HeaderText.Quote(DisplayName)).Append(' ');
        }
        sb.Append('<').Append(Uri).Append('>');
        foreach (var (key, value) in Parameters)
        {
            sb.Append(';').Append(key);
            if (value is not null)
            {
                sb.Append('=').Append(value);
            }
        }
        return sb.ToString();
    }
}
