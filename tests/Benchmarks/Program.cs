using BenchmarkDotNet.Running;
using Benchmarks.Calls;
using Benchmarks.Measurement;
using Benchmarks.Outbox;
using Benchmarks.Press;
using Benchmarks.Uplink;

// dotnet run -c Release --project tests/Benchmarks -- [press|uplink|call|outbox|all] [--quick]
var what = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var quick = args.Contains("--quick");
Report.Machine();

if (what is "press" or "all")
{
    await PressLatencyBenchmark.RunAsync(quick ? 200 : 1000);
}

if (what is "uplink" or "all")
{
    await UplinkBenchmark.RunAsync(mosquitto: false, presses: quick ? 100 : 300, backlog: quick ? 2000 : 10_000);
    await UplinkBenchmark.RunAsync(mosquitto: true, presses: quick ? 100 : 300, backlog: quick ? 2000 : 10_000);
}

if (what is "call" or "all")
{
    await PressToInviteBenchmark.RunAsync(quick ? 100 : 300);
}

if (what is "outbox" or "all")
{
    BenchmarkRunner.Run<OutboxAppendBenchmark>();
}

return 0;
