namespace Relay.Core.Ingest;

/// <summary>Text that came from the network (topics, usernames, reasons), made safe to log: bounded, and with
/// control characters replaced so that nobody can forge log lines.</summary>
public static class LogText
{
    public const int MaxLength = 200;

    public static string Printable(string? text)
    {
        if (text is null)
        {
            return "(none)";
        }

        var bounded = text.Length > MaxLength ? text[..MaxLength] + "…" : text;
        return string.Create(bounded.Length, bounded, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }
}
