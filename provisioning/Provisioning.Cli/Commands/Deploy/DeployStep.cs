namespace Provisioning.Cli.Commands.Deploy;

/// <summary>What a deploy step is for: how it is run, skipped or printed.</summary>
internal enum DeployStepKind
{
    /// <summary>Builds the box on this machine (no root needed).</summary>
    Build,

    /// <summary>Writes files under the target root: run for real with --target-root too.</summary>
    Files,

    /// <summary>Users, groups, ownership, systemd: root on the box only, never with --target-root.</summary>
    System,
}

/// <summary>One command of the deploy, run as is (no shell) or printed for the installer to run.</summary>
/// <param name="Arguments">The program and its arguments.</param>
/// <param name="Kind">How it is run, skipped or printed.</param>
internal sealed record DeployStep(IReadOnlyList<string> Arguments, DeployStepKind Kind)
{
    /// <summary>When the step applies only sometimes: the condition in words, for the printed plan.</summary>
    public string? OnlyIf { get; init; }

    /// <summary>Evaluated just before the step runs: false skips it (the condition of <see cref="OnlyIf"/>).</summary>
    public Func<bool>? Applies { get; init; }

    public string Text => ShellText.Join(Arguments);
}
