namespace Provisioning.Cli.Commands.Deploy;

/// <summary>A message WAV the site file names, and where it goes beside the installed site file.</summary>
internal sealed record MessageFile(string Source, string RelativePath);

/// <summary>Everything the plan is made from, checked beforehand.</summary>
internal sealed record DeployInputs
{
    /// <summary>The validated site file (full path).</summary>
    public required string SiteFile { get; init; }

    public IReadOnlyList<MessageFile> Messages { get; init; } = [];

    /// <summary>The published box: built there, or already there with --skip-build.</summary>
    public required string PublishDirectory { get; init; }

    /// <summary>edge/Edge.Worker, to build; null with --skip-build.</summary>
    public string? ProjectDirectory { get; init; }

    public required string Runtime { get; init; }

    public required DeployLayout Layout { get; init; }

    /// <summary>Give folders to the service user (-o/-g): on the box, not with --target-root.</summary>
    public bool SetOwners { get; init; }
}

/// <summary>
/// The deploy as a list of plain commands (coreutils, shadow's useradd, systemctl), so that what is printed for the
/// installer is exactly what is run, and a --target-root run goes through the very same file commands.
/// </summary>
internal static class DeployPlan
{
    public static IReadOnlyList<DeployStep> Create(DeployInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var layout = inputs.Layout;
        var publish = inputs.PublishDirectory;
        var user = DeployLayout.ServiceUser;
        var owner = inputs.SetOwners ? new[] { "-o", user, "-g", user } : [];
        var steps = new List<DeployStep>();

        if (inputs.ProjectDirectory is { } project)
        {
            steps.Add(new(["dotnet", "publish", project, "-c", "Release", "-r", inputs.Runtime, "--self-contained", "true", "-o", publish], DeployStepKind.Build));
        }

        // The service user: a system account with no home and no shell, in the gpio group only (the GPIO character
        // devices belong to it). The unit's SupplementaryGroups=gpio makes systemd refuse to start without the group.
        steps.Add(new(["groupadd", "--system", DeployLayout.GpioGroup], DeployStepKind.System)
        {
            OnlyIf = $"the group {DeployLayout.GpioGroup} does not exist (Raspberry Pi OS has it)",
            Applies = () => !SystemAccounts.GroupExists(DeployLayout.GpioGroup),
        });
        steps.Add(new(["useradd", "--system", "--user-group", "--groups", DeployLayout.GpioGroup, "--home-dir", "/var/lib/panic-edge", "--no-create-home", "--shell", "/usr/sbin/nologin", user], DeployStepKind.System)
        {
            OnlyIf = $"the user {user} does not exist yet",
            Applies = () => !SystemAccounts.UserExists(user),
        });
        steps.Add(new(["usermod", "--append", "--groups", DeployLayout.GpioGroup, user], DeployStepKind.System)
        {
            OnlyIf = $"the user {user} already existed",
            Applies = () => SystemAccounts.UserExists(user) && !SystemAccounts.IsMember(user, DeployLayout.GpioGroup),
        });

        // The build, copied whole beside the running one and swapped in, so that a failed copy leaves the box as it was.
        steps.Add(new(["rm", "-rf", layout.ApplicationNew], DeployStepKind.Files));
        steps.Add(new(["install", "-d", "-m", "0755", layout.ApplicationNew], DeployStepKind.Files));
        steps.Add(new(["cp", "-R", publish + "/.", layout.ApplicationNew + "/"], DeployStepKind.Files));
        steps.Add(new(["chmod", "-R", "u=rwX,go=rX", layout.ApplicationNew], DeployStepKind.Files));
        steps.Add(new(["chmod", "0755", Path.Join(layout.ApplicationNew, DeployLayout.Executable)], DeployStepKind.Files));
        steps.Add(new(["install", "-d", "-m", "0755", layout.Application], DeployStepKind.Files));
        steps.Add(new(["rm", "-rf", layout.ApplicationOld], DeployStepKind.Files));
        steps.Add(new(["mv", "-T", layout.Application, layout.ApplicationOld], DeployStepKind.Files));
        steps.Add(new(["mv", "-T", layout.ApplicationNew, layout.Application], DeployStepKind.Files));
        steps.Add(new(["rm", "-rf", layout.ApplicationOld], DeployStepKind.Files));

        // The site file and the messages it names (relative to it), readable by all: they hold no secret.
        steps.Add(new(["install", "-d", "-m", "0755", layout.Configuration], DeployStepKind.Files));
        steps.Add(new(["install", "-m", "0644", inputs.SiteFile, layout.SiteFile], DeployStepKind.Files));
        foreach (var message in inputs.Messages)
        {
            steps.Add(new(["install", "-D", "-m", "0644", message.Source, Path.Join(layout.Configuration, message.RelativePath)], DeployStepKind.Files));
        }

        // Secrets: owner-only, and that owner is the service (a secret stored by root earlier is handed over).
        steps.Add(new(["install", "-d", "-m", "0700", .. owner, layout.Secrets], DeployStepKind.Files));
        steps.Add(new(["chmod", "-R", "u=rwX,go=", layout.Secrets], DeployStepKind.Files));
        steps.Add(new(["chown", "-R", $"{user}:{user}", layout.Secrets], DeployStepKind.System));

        // The TLS identity likewise (device enroll, run with sudo before or after this, writes it owner-only for root).
        steps.Add(new(["install", "-d", "-m", "0700", .. owner, layout.Tls], DeployStepKind.Files));
        steps.Add(new(["chmod", "-R", "u=rwX,go=", layout.Tls], DeployStepKind.Files));
        steps.Add(new(["chown", "-R", $"{user}:{user}", layout.Tls], DeployStepKind.System));

        // The outbox and the box's data.
        steps.Add(new(["install", "-d", "-m", "0750", .. owner, layout.Data], DeployStepKind.Files));

        steps.Add(new(["install", "-D", "-m", "0644", Path.Join(publish, DeployLayout.UnitInBuild), layout.Unit], DeployStepKind.Files));
        steps.Add(new(["systemctl", "daemon-reload"], DeployStepKind.System));
        steps.Add(new(["systemctl", "enable", DeployLayout.UnitName], DeployStepKind.System));

        // restart, not start: an upgrade must run the new build; on a first install it starts the service.
        steps.Add(new(["systemctl", "restart", DeployLayout.UnitName], DeployStepKind.System));
        steps.Add(new(["systemctl", "is-active", DeployLayout.UnitName], DeployStepKind.System));
        return steps;
    }
}
