namespace Provisioning.Cli.Output;

/// <summary>
/// What scripts can rely on. Documented in provisioning/README.md; change both together.
/// </summary>
internal static class ExitCodes
{
    /// <summary>Done, or the thing checked is fine (warnings allowed).</summary>
    public const int Success = 0;

    /// <summary>The thing checked failed: invalid site file, camera refused or unreachable, espeak-ng missing.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong: unknown option, missing value, value out of range.</summary>
    public const int Usage = 2;

    /// <summary>A bug in this tool: nothing the installer did explains it.</summary>
    public const int Internal = 3;

    /// <summary>Interrupted with Ctrl+C (128 + SIGINT, what shells report).</summary>
    public const int Interrupted = 130;
}
