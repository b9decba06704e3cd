using System.CommandLine;

namespace Provisioning.Cli.Commands.Site;

/// <summary><c>site</c>: the site file, which says what is wired to the box and what each press does.</summary>
internal sealed class SiteCommand : Command
{
    public SiteCommand(CliContext context)
        : base("site", "Write and check the site file (what is wired to the box, what each press does).")
    {
        Subcommands.Add(new SiteInitCommand(context));
        Subcommands.Add(new SiteValidateCommand(context));
    }
}
