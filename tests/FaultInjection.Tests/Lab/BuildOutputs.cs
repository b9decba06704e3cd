namespace FaultInjection.Tests.Lab;

/// <summary>Where the box and the relay were built, in the same configuration as these tests.</summary>
internal static class BuildOutputs
{
    private static readonly string s_root = FindRepositoryRoot();

    // .../tests/FaultInjection.Tests/bin/{Configuration}/net10.0/
    private static readonly string s_configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string EdgeWorkerDll => Output("edge/Edge.Worker", "Edge.Worker.dll");

    public static string RelayWebDll => Output("cloud-relay/Relay.Web", "Relay.Web.dll");

    private static string Output(string project, string dll)
    {
        var path = Path.Combine(s_root, project, "bin", s_configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{dll} is not built at {path}: build the solution first.");
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Edge.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Edge.sln not found above " + AppContext.BaseDirectory);
    }
}
