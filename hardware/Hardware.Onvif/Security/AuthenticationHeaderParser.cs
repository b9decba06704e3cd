using System.Text;

namespace Hardware.Onvif.Security;

/// <summary>
/// Splits <c>WWW-Authenticate</c> values into challenges, and <c>Authorization</c> values into parameters.
/// Written by hand because one header line may hold several challenges and quoted commas
/// (<c>qop="auth,auth-int"</c>, Sony SRG-XP1), and because some cameras send an empty <c>opaque=""</c>
/// (Bosch, dotnet/corefx#42877).
/// </summary>
internal static class AuthenticationHeaderParser
{
    public static IReadOnlyList<AuthenticationChallenge> ParseChallenges(IEnumerable<string> headerValues)
    {
        var challenges = new List<AuthenticationChallenge>();
        foreach (string value in headerValues)
        {
            string? scheme = null;
            var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach ((string name, string? paramValue) in Tokenize(value))
            {
                if (paramValue is null)
                {
                    // A bare token starts a new challenge: "Digest", or "Basic realm=..." split by Tokenize.
                    if (scheme is not null)
                    {
                        challenges.Add(new AuthenticationChallenge(scheme, parameters));
                    }

                    scheme = name;
                    parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                }
                else if (scheme is not null)
                {
                    parameters[name] = paramValue;
                }
            }

            if (scheme is not null)
            {
                challenges.Add(new AuthenticationChallenge(scheme, parameters));
            }
        }

        return challenges;
    }

    /// <summary>Parameters of one credentials value such as <c>Digest username="a", nc=00000001</c>; the scheme is skipped.</summary>
    public static IReadOnlyDictionary<string, string> ParseParameters(string headerValue)
    {
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach ((string name, string? value) in Tokenize(headerValue))
        {
            if (value is not null)
            {
                parameters[name] = value;
            }
        }

        return parameters;
    }

    /// <summary>Yields (token, null) for a bare token (a scheme) and (name, value) for each parameter.</summary>
    private static IEnumerable<(string Name, string? Value)> Tokenize(string text)
    {
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
            {
                i++;
            }

            int start = i;
            while (i < text.Length && text[i] != '=' && text[i] != ',' && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i == start)
            {
                yield break;
            }

            string token = text[start..i];
            int afterToken = i;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            bool isParameter = i < text.Length && text[i] == '=';

            if (!isParameter)
            {
                i = afterToken;
                yield return (token, null);
                continue;
            }

            i++;
            while (i < text.Length && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i < text.Length && text[i] == '"')
            {
                var value = new StringBuilder();
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    value.Append(text[i]);
                    i++;
                }

                i++;
                yield return (token, value.ToString());
            }
            else
            {
                int valueStart = i;
                while (i < text.Length && text[i] != ',' && !char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                yield return (token, text[valueStart..i]);
            }
        }
    }
}
