using System.CommandLine;
using Provisioning.Cli.Output;
using Spectre.Console;

namespace Provisioning.Cli.Commands.Secret;

/// <summary>
/// <c>secret set</c>: writes one secret where the box reads it, owner-only (folder 0700, file 0600), whole or not at
/// all; the value comes from standard input or a hidden prompt, never from the command line.
/// </summary>
internal sealed class SecretSetCommand : Command
{
    private readonly CliContext _context;

    private readonly Argument<string> _name = new("name") { Description = $"The secret's name, as the site file's passwordSecret gives it: {SecretFolder.NameRule}." };

    private readonly Option<bool> _valueStdin = new("--value-stdin") { Description = "Read the value from the first line of standard input (for scripts). Without it, the value is asked (hidden) at a terminal." };

    private readonly Option<string> _directory = SecretCommand.DirectoryOption();

    public SecretSetCommand(CliContext context)
        : base("set", "Store a secret (a camera or SIP password) where the box reads it, readable by its service only.")
    {
        _context = context;
        Arguments.Add(_name);
        Options.Add(_valueStdin);
        Options.Add(_directory);
        SetAction((parse, cancellationToken) => RunAsync(parse, cancellationToken));
    }

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (!UnixOnly.Supported)
        {
            throw UnixOnly.Refusal("secret set");
        }

        var name = parse.GetValue(_name)!;
        if (!SecretFolder.IsValidName(name))
        {
            throw new UsageException($"'{name}' is not a valid secret name: {SecretFolder.NameRule}.");
        }

        var directory = parse.GetValue(_directory)!;
        var value = await ValueAsync(parse, name, cancellationToken).ConfigureAwait(false);

        SecretFolder.EnsurePrivateFolder(directory);
        var existed = File.Exists(Path.Combine(directory, name));
        var path = SecretFolder.Write(directory, name, value);
        var owner = await HandOverAsync(directory, path, cancellationToken).ConfigureAwait(false);

        _context.Out.WriteSuccess($"{(existed ? "replaced" : "stored")} secret '{name}' in {path} (file {SecretFolder.Octal(SecretFolder.PrivateFileMode)}, folder {SecretFolder.Octal(SecretFolder.PrivateFolderMode)}, {owner}).");
        _context.Out.WriteNote($"The box reads it from this file; {SecretFolder.EnvironmentVariableFor(name)} in the service's environment would take precedence.");
        return ExitCodes.Success;
    }

    private async Task<string> ValueAsync(ParseResult parse, string name, CancellationToken cancellationToken)
    {
        string? value;
        if (parse.GetValue(_valueStdin))
        {
            value = (await _context.Input.ReadLineAsync(cancellationToken).ConfigureAwait(false))?.TrimEnd('\r')
                ?? throw new UsageException("--value-stdin: standard input is empty.") { Hint = $"Example: printf '%s\\n' \"$PASS\" | sudo provision secret set {name} --value-stdin" };
        }
        else if (_context.CanPromptOn(_context.Error))
        {
            value = await new TextPrompt<string>($"Value of secret '{Markup.Escape(name)}':").Secret().AllowEmpty().ShowAsync(_context.Error, cancellationToken).ConfigureAwait(false);
            var again = await new TextPrompt<string>("The same again:").Secret().AllowEmpty().ShowAsync(_context.Error, cancellationToken).ConfigureAwait(false);
            if (!string.Equals(value, again, StringComparison.Ordinal))
            {
                throw new CheckFailedException("the two values differ; nothing was stored.") { Hint = "Run the command again." };
            }
        }
        else
        {
            throw new UsageException("no value: standard input is not a terminal, so the value cannot be asked.")
            {
                Hint = $"Give it on standard input with --value-stdin: printf '%s\\n' \"$PASS\" | sudo provision secret set {name} --value-stdin",
            };
        }

        if (string.IsNullOrEmpty(value))
        {
            throw new UsageException("the value is empty; nothing was stored.") { Hint = "A secret the box reads as empty is as good as missing." };
        }

        if (value.Contains('\n', StringComparison.Ordinal))
        {
            throw new UsageException("the value has a line break; the box reads a secret as one line.");
        }

        return value;
    }

    /// <summary>
    /// The box's service runs as panic-edge: run as root, the folder and file go to that user when it exists, or the
    /// service could not read them. Says who owns them now.
    /// </summary>
    private async Task<string> HandOverAsync(string directory, string path, CancellationToken cancellationToken)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            _context.Error.WriteNote($"The file belongs to {Environment.UserName}. On the box, store secrets with sudo: they must belong to the service user {SecretFolder.ServiceUser}.");
            return $"owner {Environment.UserName}";
        }

        if (!Deploy.SystemAccounts.UserExists(SecretFolder.ServiceUser))
        {
            _context.Error.WriteNote($"The service user {SecretFolder.ServiceUser} does not exist here yet: 'provision deploy' creates it and hands it the secrets folder.");
            return "owner root";
        }

        var owner = $"{SecretFolder.ServiceUser}:{SecretFolder.ServiceUser}";
        var result = await _context.RunCommand("chown", [owner, directory, path], cancellationToken).ConfigureAwait(false);
        if (result is not { Succeeded: true })
        {
            _context.Error.WriteWarning(
                $"could not give {path} to {SecretFolder.ServiceUser}: {result?.Tail() ?? "chown is not installed"}",
                $"The box's service cannot read it until: sudo chown {owner} {directory} {path}");
            return "owner root";
        }

        return $"owner {SecretFolder.ServiceUser}";
    }
}
