using System.Globalization;
using System.Text;
using Edge.Contracts.Topics;

namespace Provisioning.Cli.Commands.Site;

/// <summary>Turns a name such as « Mairie annexe – Nord » into an id such as mairie-annexe-nord.</summary>
internal static class Slug
{
    public static string From(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var lower = char.ToLowerInvariant(c);
            if (lower is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                text.Append(lower);
            }
            else if (text.Length > 0 && text[^1] != '-')
            {
                text.Append('-');
            }
        }

        var slug = text.ToString().Trim('-');
        if (slug.Length > Identifiers.MaxLength)
        {
            slug = slug[..Identifiers.MaxLength].TrimEnd('-');
        }

        return slug.Length == 0 ? "site-1" : slug;
    }
}
