using System.Text;

namespace Hardware.Sip.Messages;

/// <summary>Small lexical helpers shared by the header parsers (RFC 3261 §25.1 quoted-string and separators).</summary>
internal static class HeaderText
{
    /// <summary>
    /// Splits on a separator that is outside quoted strings and angle brackets, so that
    /// <c>"Doe, John" &lt;sip:a@b;x=1&gt;, &lt;sip:c@d&gt;</c> splits into two values.
    /// </summary>
    public static List<string> SplitOutsideQuotes(string text, char separator)
    {
        var parts = new List<string>();
        var inQuotes = false;
        var angle = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (inQuotes)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inQuotes = false;
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    inQuotes = true;
                    break;
                case '<':
                    angle++;
                    break;
                case '>':
                    angle = Math.Max(0, angle - 1);
                    break;
                default:
                    if (c == separator && angle == 0)
                    {
                        parts.Add(text[start..i]);
                        start = i + 1;
                    }
                    break;
            }
        }
        parts.Add(text[start..]);
        return parts;
    }

    /// <summary>Removes surrounding quotes and resolves backslash escapes; returns the text unchanged when not quoted.</summary>
    public static string Unquote(string text)
    {
        var t = text.Trim();
        if (t.Length < 2 || t[0] != '"' || t[^1] != '"')
        {
            return t;
        }
        var sb = new StringBuilder(t.Length);
        for (var i = 1; i < t.Length - 1; i++)
        {
            if (t[i] == '\\' && i + 1 < t.Length - 1)
            {
                i++;
            }
            sb.Append(t[i]);
        }
        return sb.ToString();
    }

    /// <summary>Quotes a value, escaping quotes and backslashes.</summary>
    public static string Quote(string value) =>
        "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
