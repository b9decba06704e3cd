namespace Provisioning.Cli.Commands.Deploy;

/// <summary>Local users and groups, read from /etc/passwd and /etc/group (the service's are local system accounts).</summary>
internal static class SystemAccounts
{
    public static bool UserExists(string name) => Entry("/etc/passwd", name) is not null;

    public static bool GroupExists(string name) => Entry("/etc/group", name) is not null;

    /// <summary>True when <paramref name="user"/> is listed as a member of <paramref name="group"/>.</summary>
    public static bool IsMember(string user, string group) =>
        Entry("/etc/group", group) is { } line && line.Split(':') is [_, _, _, var members] && members.Split(',').Contains(user, StringComparer.Ordinal);

    private static string? Entry(string file, string name)
    {
        try
        {
            return File.Exists(file) ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal)) : null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
