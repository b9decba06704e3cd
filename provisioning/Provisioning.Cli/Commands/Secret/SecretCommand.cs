using System.CommandLine;

namespace Provisioning.Cli.Commands.Secret;

/// <summary><c>secret</c>: the passwords the site file names, stored on the box as the box reads them.</summary>
internal sealed class SecretCommand : Command
{
    public SecretCommand(CliContext context)
        : base("secret", "Store and check the box's secrets (camera and SIP passwords), never printing their values.")
    {
        Subcommands.Add(new SecretSetCommand(context));
        Subcommands.Add(new SecretListCommand(context));
        Subcommands.Add(new SecretCheckCommand(context));
    }

    /// <summary>The --dir option every secret command shares.</summary>
    public static Option<string> DirectoryOption() => new("--dir")
    {
        Description = $"The secrets folder; the box reads {SecretFolder.DefaultDirectory} unless its Edge:SecretsDirectory setting says otherwise.",
        HelpName = "dir",
        DefaultValueFactory = _ => SecretFolder.DefaultDirectory,
    };
}
