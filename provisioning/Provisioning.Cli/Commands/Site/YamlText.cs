using System.Globalization;
using System.Text;

namespace Provisioning.Cli.Commands.Site;

/// <summary>Scalars written so that YAML reads back exactly what the installer typed (quotes, colons, '#', accents).</summary>
internal static class YamlText
{
    /// <summary>A double-quoted scalar; every character that YAML would interpret is escaped.</summary>
    public static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    text.Append("\\\"");
                    break;
                case '\\':
                    text.Append("\\\\");
                    break;
                case '\n':
                    text.Append("\\n");
                    break;
                case '\t':
                    text.Append("\\t");
                    break;
                case '\r':
                    text.Append("\\r");
                    break;
                default:
                    if (char.IsControl(c))
                    {
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(c);
                    }

                    break;
            }
        }

        return text.Append('"').ToString();
    }

    public static string Bool(bool value) => value ? "true" : "false";

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
