using System.CommandLine;
using Provisioning.Cli.Output;
using Spectre.Console;

namespace Provisioning.Cli.Commands.Secret;

/// <summary><c>secret list</c>: the names of the stored secrets and their permissions; never a value.</summary>
internal sealed class SecretListCommand : Command
{
    private readonly CliContext _context;

    private readonly Option<string> _directory = SecretCommand.DirectoryOption();

    public SecretListCommand(CliContext context)
        : base("list", "List the stored secrets: names, permissions and dates, never the values.")
    {
        _context = context;
        Options.Add(_directory);
        SetAction(Run);
    }

    private int Run(ParseResult parse)
    {
        if (!UnixOnly.Supported)
        {
            throw UnixOnly.Refusal("secret list");
        }

        var directory = parse.GetValue(_directory)!;
        var files = SecretFolder.List(directory);
        if (files is null)
        {
            _context.Out.WriteNote($"No secret stored yet: {directory} does not exist. Store one with: provision secret set NAME --value-stdin");
            return ExitCodes.Success;
        }

        var folderMode = File.GetUnixFileMode(directory);
        if (!SecretFolder.IsPrivate(folderMode))
        {
            _context.Error.WriteWarning($"{directory} can be opened by other users (mode {SecretFolder.Octal(folderMode)}).", $"Make it owner-only: sudo chmod 700 {directory}");
        }

        if (files.Count == 0)
        {
            _context.Out.WriteNote($"No secret in {directory}.");
            return ExitCodes.Success;
        }

        var table = new Table().AddColumns("secret", "mode", "modified", "overridden by (environment)");
        foreach (var file in files)
        {
            var mode = file.UnixFileMode;
            var valid = SecretFolder.IsValidName(file.Name);
            table.AddRow(
                valid ? Markup.Escape(file.Name) : $"[red]{Markup.Escape(file.Name)}[/] (not a valid name: the box never reads it)",
                SecretFolder.IsPrivate(mode) ? SecretFolder.Octal(mode) : $"[red]{SecretFolder.Octal(mode)}[/] (others can read it)",
                TimeZoneInfo.ConvertTime(new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero), _context.Time.LocalTimeZone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                valid ? SecretFolder.EnvironmentVariableFor(file.Name) : "-");
        }

        _context.Out.Write(table);
        _context.Out.WriteNote($"{files.Count} secret(s) in {directory} (folder {SecretFolder.Octal(folderMode)}). Values are never shown.");
        foreach (var loose in files.Where(f => !SecretFolder.IsPrivate(f.UnixFileMode)))
        {
            _context.Error.WriteWarning($"{loose.FullName} can be read by other users.", $"sudo chmod 600 {loose.FullName}, and change that password if others may have read it.");
        }

        return ExitCodes.Success;
    }
}
