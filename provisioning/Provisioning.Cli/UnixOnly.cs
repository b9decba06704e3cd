using System.Runtime.Versioning;
using Provisioning.Cli.Output;

namespace Provisioning.Cli;

/// <summary>
/// The commands that act on the box itself (secrets, deploy) need Unix permissions; the rest of the tool also runs
/// on an installer's Windows laptop.
/// </summary>
internal static class UnixOnly
{
    [UnsupportedOSPlatformGuard("windows")]
    public static bool Supported => !OperatingSystem.IsWindows();

    public static CheckFailedException Refusal(string command) =>
        new($"'{command}' works on Linux only: it sets owner-only file permissions as on the box.")
        {
            Hint = "Run it on the box (over SSH), or from Linux.",
        };
}
