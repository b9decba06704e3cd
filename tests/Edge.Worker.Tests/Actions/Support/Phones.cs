using Hardware.Sip.Tests.Peers;

namespace Edge.Worker.Tests.Actions.Support;

/// <summary>Site file sections for the box's phone and a scenario's calls.</summary>
internal static class Phones
{
    /// <summary>The <c>phone</c> section: account accueil-1 on <paramref name="server"/>, and the contacts given.</summary>
    public static string Section(string server, IEnumerable<(string Id, string Name, string Uri)> contacts, bool register = false, string? passwordSecret = null)
    {
        var lines = new List<string>
        {
            "phone:",
            $"  server: \"{server}\"",
            "  username: accueil-1",
            $"  register: {(register ? "true" : "false")}",
        };
        if (passwordSecret is not null)
        {
            lines.Add($"  passwordSecret: {passwordSecret}");
        }

        lines.Add("  contacts:");
        lines.AddRange(contacts.Select(c => $"    - {{ id: {c.Id}, name: \"{c.Name}\", uri: \"{c.Uri}\" }}"));
        return string.Join('\n', lines);
    }

    /// <summary>A scenario's <c>call</c> line, with the shortest ring timeout the site file allows.</summary>
    public static string Call(string contacts, int attempts = 1, int rounds = 1, int ringSeconds = 5, int maxCallSeconds = 15, string message = "messages/alerte.wav") =>
        $"call: {{ contacts: [{contacts}], attemptsPerContact: {attempts}, rounds: {rounds}, ringTimeoutSeconds: {ringSeconds}, maxCallSeconds: {maxCallSeconds}, message: {message} }}";

    /// <summary>A loopback SIP address where nothing listens: every INVITE goes unanswered (UDP has no refusal).</summary>
    public static string Nowhere(string user) => $"sip:{user}@127.0.0.1:{FreePorts.Next()}";
}
