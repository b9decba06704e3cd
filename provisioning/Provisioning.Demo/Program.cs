using Provisioning.Demo;

// dotnet run --project provisioning/Provisioning.Demo [-- --data DIR] [--verbose]
var options = new DemoOptions
{
    DataDirectory = ArgumentAfter("--data"),
    LogLevel = args.Contains("--verbose") ? "Information" : "Warning",
};

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

await using var town = await DemoTown.StartAsync(options, stop.Token);
DemoBanner.Print(town, Console.Out);
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Stopping the demo town...");
}

return 0;

string? ArgumentAfter(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
