using System.CommandLine;
using Edge.Core.Configuration.Model;
using Provisioning.Cli.Commands.Site;
using Provisioning.Cli.Output;
using Spectre.Console;

namespace Provisioning.Cli.Commands.Secret;

/// <summary>
/// <c>secret check</c>: every secret the site file names (cameras' and the phone's passwordSecret), and whether the
/// box will find it. Exit 1 when one is missing.
/// </summary>
internal sealed class SecretCheckCommand : Command
{
    private readonly CliContext _context;

    private readonly Option<string> _site = new("--site") { Description = "The site file whose secrets to look for.", HelpName = "file", Required = true };

    private readonly Option<string> _directory = SecretCommand.DirectoryOption();

    public SecretCheckCommand(CliContext context)
        : base("check", "Check that every secret the site file names (camera and phone passwords) is stored (exit 1 if one is missing).")
    {
        _context = context;
        Options.Add(_site);
        Options.Add(_directory);
        SetAction(Run);
    }

    /// <summary>The secrets a site file names, each with what uses it.</summary>
    public static IReadOnlyList<(string Name, string UsedBy)> NamedBy(SiteFile site)
    {
        var named = new List<(string Name, string UsedBy)>();
        foreach (var camera in site.Cameras.Where(c => c.PasswordSecret is not null))
        {
            named.Add((camera.PasswordSecret!, $"camera {camera.Id} (user {camera.Username ?? "-"})"));
        }

        if (site.Phone is { PasswordSecret: { } phoneSecret } phone)
        {
            named.Add((phoneSecret, $"phone {phone.Username ?? "anonymous"}@{phone.Server ?? "-"}"));
        }

        return [.. named.GroupBy(n => n.Name, StringComparer.Ordinal).Select(g => (g.Key, string.Join(", ", g.Select(n => n.UsedBy))))];
    }

    private int Run(ParseResult parse)
    {
        if (!UnixOnly.Supported)
        {
            throw UnixOnly.Refusal("secret check");
        }

        var path = parse.GetValue(_site)!;
        var directory = parse.GetValue(_directory)!;
        var site = SiteFiles.Load(path).Site;
        var named = NamedBy(site);
        if (named.Count == 0)
        {
            _context.Out.WriteSuccess($"{path} names no secret (no camera or phone password).");
            return ExitCodes.Success;
        }

        var table = new Table().AddColumns("secret", "used by", "file", "status");
        var missing = new List<string>();
        foreach (var (name, usedBy) in named)
        {
            var file = Path.Combine(directory, name);
            string status;
            if (!SecretFolder.IsValidName(name))
            {
                status = $"[red]invalid name[/] ({Markup.Escape(SecretFolder.NameRule)})";
                missing.Add(name);
            }
            else if (SecretFolder.Read(directory, name) is not { } value)
            {
                status = "[red]MISSING[/]";
                missing.Add(name);
            }
            else if (value.Length == 0)
            {
                status = "[red]empty[/]";
                missing.Add(name);
            }
            else
            {
                var mode = File.GetUnixFileMode(file);
                status = SecretFolder.IsPrivate(mode) ? "[green]present[/]" : $"[yellow]present, but mode {SecretFolder.Octal(mode)}: others can read it[/]";
            }

            table.AddRow(Markup.Escape(name), Markup.Escape(usedBy), Markup.Escape(file), status);
        }

        _context.Out.Write(table);
        if (missing.Count > 0)
        {
            throw new CheckFailedException($"{missing.Count} of {named.Count} secret(s) missing in {directory}: {string.Join(", ", missing)}. The box would report what uses them as faulty.")
            {
                Hint = $"Store each on the box with: printf '%s\\n' \"$PASS\" | sudo provision secret set {missing[0]} --value-stdin" + (directory == SecretFolder.DefaultDirectory ? string.Empty : $" --dir {directory}"),
            };
        }

        _context.Out.WriteSuccess($"all {named.Count} secret(s) the site file names are stored in {directory}.");
        return ExitCodes.Success;
    }
}
