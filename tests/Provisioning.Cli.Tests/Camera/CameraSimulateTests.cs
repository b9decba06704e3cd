using System.Text.RegularExpressions;
using Provisioning.Cli.Output;
using Provisioning.Cli.Tests.Support;
using Spectre.Console;

namespace Provisioning.Cli.Tests.Camera;

public sealed partial class CameraSimulateTests
{
    [Fact]
    public async Task Simulate_serves_a_camera_until_cancelled()
    {
        var output = new WatchedWriter();
        var simulator = new CliHarness
        {
            OutOverride = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No }),
        };
        simulator.OutOverride.Profile.Width = 250;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var running = simulator.RunAsync(stop.Token, "camera", "simulate", "--clock-offset", "3y", "--no-ptz", "--user", "installer", "--password", "s3cret");
        await output.WaitForAsync(text => text.Contains("Ctrl+C", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        var url = DeviceServiceUrl().Match(output.Text).Value;

        var probe = new CliHarness { StandardInput = "s3cret\n" };
        var probed = await probe.RunAsync("camera", "probe", "--url", url, "--user", "installer", "--password-stdin");
        await stop.CancelAsync();
        var simulated = await running;

        Assert.True(probed.ExitCode == ExitCodes.Success, probed.ToString());
        Assert.Contains("3 years 0 days ahead", probed.Out, StringComparison.Ordinal);
        Assert.Contains("No PTZ", probed.Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, simulated.ExitCode);
        Assert.Contains("discovery", output.Text, StringComparison.Ordinal);
        Assert.Contains("Stopped.", output.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", output.Text, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/onvif/device_service")]
    private static partial Regex DeviceServiceUrl();
}
