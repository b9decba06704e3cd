namespace Provisioning.Demo;

/// <summary>What to open and what to press, printed once the town is up.</summary>
internal static class DemoBanner
{
    public static void Print(DemoTown town, TextWriter output)
    {
        var box = town.BoxApiUri.ToString().TrimEnd('/');
        output.WriteLine();
        output.WriteLine($"Demo town running, everything on 127.0.0.1 (Ctrl+C to stop). Data: {town.DataDirectory}");
        output.WriteLine();
        output.WriteLine($"  Crisis cell dashboard   {town.DashboardUri}");
        output.WriteLine($"                          sign in as '{DemoTown.AdminUser}' with password {town.AdminPassword} (made for this run)");
        output.WriteLine($"  Box '{town.Device}' ({town.SiteName}), virtual board");
        output.WriteLine($"                          status:  curl {box}/status");
        output.WriteLine($"                          press the reception button:");
        output.WriteLine($"                          curl -X POST '{box}/virtual/buttons/comptoir/press?holdMs=200'");
        output.WriteLine($"                          silent alarm (foot pedal):");
        output.WriteLine($"                          curl -X POST '{box}/virtual/buttons/pedale/press?holdMs=200'");
        output.WriteLine($"  Hall camera (virtual)   {town.Camera.DeviceServiceUri}");
        output.WriteLine($"  Phone line (virtual)    sip:police@127.0.0.1:{town.PhonePort} answers and presses 1 after 3 s;");
        output.WriteLine($"                          sip:astreinte@127.0.0.1:{town.PhonePort} never answers");
        output.WriteLine();
    }
}
