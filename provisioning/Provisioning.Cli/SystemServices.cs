using System.Diagnostics;

namespace Provisioning.Cli;

/// <summary>What the tool asks systemd about this machine (the box, when run on it).</summary>
internal static class SystemServices
{
    /// <summary>Root on Linux with systemd running: the conditions for installing the box's service here.</summary>
    public static bool CanManage() =>
        OperatingSystem.IsLinux() && Environment.IsPrivilegedProcess && Directory.Exists("/run/systemd/system");

    /// <summary>True when <c>systemctl is-active</c> says the unit runs; false when it does not, or there is no systemd.</summary>
    public static bool IsActive(string unit)
    {
        if (!Directory.Exists("/run/systemd/system"))
        {
            return false;
        }

        try
        {
            var info = new ProcessStartInfo("systemctl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            info.ArgumentList.Add("is-active");
            info.ArgumentList.Add("--quiet");
            info.ArgumentList.Add(unit);
            using var process = Process.Start(info);
            if (process is null)
            {
                return false;
            }

            if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                process.Kill();
                return false;
            }

            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
