using System.Runtime.InteropServices;

namespace Benchmarks.Measurement;

/// <summary>Where a figure came from: it means nothing without the machine and the load it was measured under.</summary>
internal static class Report
{
    public static void Header(string title)
    {
        Console.WriteLine();
        Console.WriteLine($"== {title}");
    }

    public static void Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "?";
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        Console.WriteLine($"load average at start: {load}; temp files in {Path.GetTempPath()}");
    }
}
