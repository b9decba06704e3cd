using Hardware.Onvif.Simulator;
using Provisioning.Cli.Output;
using Provisioning.Cli.Tests.Support;

namespace Provisioning.Cli.Tests.Camera;

public sealed class CameraProbeTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Probe_shows_identity_clock_profiles_presets_and_media_uris()
    {
        await using var camera = await VirtualCamera.StartAsync(cancellationToken: Token);
        var cli = new CliHarness { StandardInput = "9999\n" };

        var result = await cli.RunAsync("camera", "probe", "--url", camera.DeviceServiceUri.ToString(), "--user", "admin", "--password-stdin");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        foreach (var expected in new[] { "Mockup Manufacturer", "Mockup Model", "Mockup_15_14_13", "00000000", "in step", "Media (ver10", "1920x1080", "P001", "Home (token Home2)" })
        {
            Assert.Contains(expected, result.Out, StringComparison.Ordinal);
        }

        Assert.Contains($"http://127.0.0.1:{camera.BaseUri.Port}/onvif-cgi/jpg/image.cgi", result.Out, StringComparison.Ordinal);
        Assert.Contains("rtsp://127.0.0.1", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("9999", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_address_alone_is_enough()
    {
        await using var camera = await VirtualCamera.StartAsync(cancellationToken: Token);
        var cli = CliHarness.WithCameraPassword();

        var result = await cli.RunAsync("camera", "probe", "--url", $"127.0.0.1:{camera.BaseUri.Port}", "--user", "admin");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
    }

    [Fact]
    public async Task Wrong_password_exits_1_with_the_reason_and_what_to_check()
    {
        await using var camera = await VirtualCamera.StartAsync(cancellationToken: Token);

        var result = await CliHarness.Run("camera", "probe", "--url", camera.DeviceServiceUri.ToString(), "--user", "admin", "--password", "wrong-secret");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("refused user 'admin'", result.Error, StringComparison.Ordinal);
        Assert.Contains("wrong user name or password", result.Error, StringComparison.Ordinal);
        Assert.Contains("Check the user and password", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-secret", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clock_years_ahead_is_handled_and_said_in_words()
    {
        await using var camera = await VirtualCamera.StartAsync(new VirtualCameraOptions { ClockOffset = (3 * Parsing.DurationText.Year) + TimeSpan.FromDays(1) }, Token);
        var cli = CliHarness.WithCameraPassword();

        var result = await cli.RunAsync("camera", "probe", "--url", camera.DeviceServiceUri.ToString(), "--user", "admin");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("3 years 1 day ahead", result.Out, StringComparison.Ordinal);
        Assert.Contains("warning: the camera's clock is 3 years 1 day ahead", result.Error, StringComparison.Ordinal);
        Assert.Contains("NTP", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, camera.AuthenticationFailures);
    }

    [Fact]
    public async Task A_camera_answering_401_gets_http_digest()
    {
        await using var camera = await VirtualCamera.StartAsync(new VirtualCameraOptions { RequireHttpDigest = true }, Token);
        var cli = CliHarness.WithCameraPassword();

        var result = await cli.RunAsync("camera", "probe", "--url", camera.DeviceServiceUri.ToString(), "--user", "admin");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("Mockup Model", result.Out, StringComparison.Ordinal);
        Assert.Contains("GetProfiles", camera.ReceivedOperations);
    }

    [Fact]
    public async Task Wrong_password_with_digest_is_still_the_clear_message()
    {
        await using var camera = await VirtualCamera.StartAsync(new VirtualCameraOptions { RequireHttpDigest = true }, Token);

        var result = await CliHarness.Run("camera", "probe", "--url", camera.DeviceServiceUri.ToString(), "--user", "admin", "--password", "nope");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("wrong user name or password", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_camera_that_is_down_fails_quickly_with_exit_1()
    {
        Uri url;
        await using (var camera = await VirtualCamera.StartAsync(new VirtualCameraOptions { EnableDiscovery = false }, Token))
        {
            url = camera.DeviceServiceUri;
        }

        // A refused connection fails as refused, not as the (here generous) answer timeout running out.
        var result = await CliHarness.Run("camera", "probe", "--url", url.ToString(), "--user", "admin", "--password", "9999", "--timeout", "30s");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("Cannot reach the camera", result.Error, StringComparison.Ordinal);
        Assert.Contains("connection refused", result.Error, StringComparison.Ordinal);
        Assert.Contains("ping 127.0.0.1", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("did not answer", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_camera_without_ptz_still_probes_and_says_so()
    {
        await using var camera = await VirtualCamera.StartAsync(new VirtualCameraOptions { HasPtz = false }, Token);
        var cli = CliHarness.WithCameraPassword();

        var result = await cli.RunAsync("camera", "probe", "--url", camera.DeviceServiceUri.ToString(), "--user", "admin");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("no (fixed camera)", result.Out, StringComparison.Ordinal);
        Assert.Contains("No PTZ", result.Out, StringComparison.Ordinal);
        Assert.Contains("snapshot URI", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_that_is_not_an_onvif_service_says_so()
    {
        await using var camera = await VirtualCamera.StartAsync(cancellationToken: Token);

        var result = await CliHarness.Run("camera", "probe", "--url", new Uri(camera.BaseUri, "/index.html").ToString(), "--user", "admin", "--password", "9999");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("no ONVIF service at this URL", result.Error, StringComparison.Ordinal);
        Assert.Contains("Is ONVIF enabled", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_user_the_camera_asks_for_one()
    {
        await using var camera = await VirtualCamera.StartAsync(cancellationToken: Token);

        var result = await CliHarness.Run("camera", "probe", "--url", camera.DeviceServiceUri.ToString());

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("requires a user name and password", result.Error, StringComparison.Ordinal);
        Assert.Contains("--user", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_password_from_a_prompt_is_accepted_at_a_terminal()
    {
        await using var camera = await VirtualCamera.StartAsync(cancellationToken: Token);
        var cli = new CliHarness().AsInteractive();
        cli.Error.Input.PushTextWithEnter("9999");

        var result = await cli.RunAsync("camera", "probe", "--url", camera.DeviceServiceUri.ToString(), "--user", "admin");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.DoesNotContain("9999", result.All, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--password", "x", "--password-stdin")]
    [InlineData("--timeout", "soon")]
    [InlineData("--url", "ftp://camera")]
    public async Task Contradictory_or_malformed_options_are_usage_errors(params string[] extra)
    {
        string[] args = ["camera", "probe", "--user", "admin", .. extra];
        if (!extra.Contains("--url"))
        {
            args = [.. args, "--url", "127.0.0.1:9"];
        }

        var cli = new CliHarness { StandardInput = "x\n" };
        var result = await cli.RunAsync(args);

        Assert.True(result.ExitCode == ExitCodes.Usage, result.ToString());
    }

    [Fact]
    public async Task No_password_anywhere_and_no_terminal_is_a_usage_error()
    {
        var result = await CliHarness.Run("camera", "probe", "--url", "127.0.0.1:9", "--user", "admin");

        Assert.Equal(ExitCodes.Usage, result.ExitCode);
        Assert.Contains("EDGE_CAMERA_PASSWORD", result.Error, StringComparison.Ordinal);
    }
}
