using System.Text.RegularExpressions;

namespace Provisioning.Cli.Commands.Deploy;

/// <summary>Command lines printed so that they can be pasted into a shell exactly as they were run.</summary>
internal static partial class ShellText
{
    public static string Join(IEnumerable<string> arguments) => string.Join(' ', arguments.Select(Quote));

    public static string Quote(string argument) =>
        argument.Length > 0 && SafePattern().IsMatch(argument) ? argument : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"^[A-Za-z0-9_./:=,+@%-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SafePattern();
}
