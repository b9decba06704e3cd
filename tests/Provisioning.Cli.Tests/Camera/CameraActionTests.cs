using System.Net;
using System.Net.Sockets;
using Hardware.Onvif.Ptz;
using Hardware.Onvif.Simulator;
using Provisioning.Cli.Output;
using Provisioning.Cli.Tests.Support;

namespace Provisioning.Cli.Tests.Camera;

/// <summary>snapshot, goto-preset and discover against the virtual camera on loopback.</summary>
public sealed class CameraActionTests : IDisposable
{
    private static readonly VirtualCameraOptions s_namedPresets = new()
    {
        Presets = [new("1", "Entrée"), new("2", "Accueil", new PtzPosition(0.25, -0.1, 0.5))],
        PtzMoveDuration = TimeSpan.FromMilliseconds(200),
    };

    private readonly TestFolder _folder = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Snapshot_writes_a_valid_jpeg()
    {
        await using var camera = await VirtualCamera.StartAsync(cancellationToken: Token);
        var file = _folder.File("shots/accueil.jpg");

        var result = await CliHarness.WithCameraPassword().RunAsync("camera", "snapshot", "--url", camera.DeviceServiceUri.ToString(), "--user", "admin", "--out", file);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var jpeg = await File.ReadAllBytesAsync(file, Token);
        Assert.True(jpeg.Length > 1000);
        Assert.Equal([0xFF, 0xD8], jpeg[..2]);
        Assert.Equal([0xFF, 0xD9], jpeg[^2..]);
        Assert.Equal(1, camera.SnapshotsServed);
        Assert.Contains("bytes JPEG", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snapshot_with_a_wrong_password_writes_nothing()
    {
        await using var camera = await VirtualCamera.StartAsync(cancellationToken: Token);
        var file = _folder.File("accueil.jpg");

        var result = await CliHarness.Run("camera", "snapshot", "--url", camera.DeviceServiceUri.ToString(), "--user", "admin", "--password", "0000", "--out", file);

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Goto_preset_by_name_reaches_the_camera_and_waits_for_it()
    {
        await using var camera = await VirtualCamera.StartAsync(s_namedPresets, Token);

        var result = await CliHarness.WithCameraPassword().RunAsync("camera", "goto-preset", "--url", camera.DeviceServiceUri.ToString(), "--user", "admin", "--preset", "accueil", "--wait");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal("2", camera.LastGotoPresetToken);
        Assert.Contains("preset 'Accueil' (token 2)", result.Out, StringComparison.Ordinal);
        Assert.Contains("stopped moving", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Goto_preset_by_token_works_too()
    {
        await using var camera = await VirtualCamera.StartAsync(s_namedPresets, Token);

        var result = await CliHarness.WithCameraPassword().RunAsync("camera", "goto-preset", "--url", camera.DeviceServiceUri.ToString(), "--user", "admin", "--preset", "1");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal("1", camera.LastGotoPresetToken);
    }

    [Fact]
    public async Task An_unknown_preset_lists_the_available_ones()
    {
        await using var camera = await VirtualCamera.StartAsync(s_namedPresets, Token);

        var result = await CliHarness.WithCameraPassword().RunAsync("camera", "goto-preset", "--url", camera.DeviceServiceUri.ToString(), "--user", "admin", "--preset", "Comptoir");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("no preset named or numbered 'Comptoir'", result.Error, StringComparison.Ordinal);
        Assert.Contains("Entrée", result.Error, StringComparison.Ordinal);
        Assert.Contains("Accueil", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, camera.GotoPresetCount);
    }

    [Fact]
    public async Task A_name_two_presets_share_asks_for_the_token()
    {
        await using var camera = await VirtualCamera.StartAsync(new VirtualCameraOptions { Presets = [new("10", "Accueil"), new("11", "Accueil")] }, Token);
        var url = camera.DeviceServiceUri.ToString();

        var ambiguous = await CliHarness.WithCameraPassword().RunAsync("camera", "goto-preset", "--url", url, "--user", "admin", "--preset", "Accueil");
        var byToken = await CliHarness.WithCameraPassword().RunAsync("camera", "goto-preset", "--url", url, "--user", "admin", "--preset", "11");

        Assert.Equal(ExitCodes.Failed, ambiguous.ExitCode);
        Assert.Contains("2 presets named 'Accueil' (tokens 10, 11)", ambiguous.Error, StringComparison.Ordinal);
        Assert.True(byToken.ExitCode == ExitCodes.Success, byToken.ToString());
        Assert.Equal("11", camera.LastGotoPresetToken);
    }

    [Fact]
    public async Task A_token_that_is_also_a_shared_name_goes_to_that_token()
    {
        // The recorded camera has two presets named Home, with tokens Home and Home2: 'Home' must stay reachable.
        await using var camera = await VirtualCamera.StartAsync(cancellationToken: Token);

        var result = await CliHarness.WithCameraPassword().RunAsync("camera", "goto-preset", "--url", camera.DeviceServiceUri.ToString(), "--user", "admin", "--preset", "Home");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal("Home", camera.LastGotoPresetToken);
    }

    [Fact]
    public async Task Goto_preset_on_a_fixed_camera_says_it_has_no_ptz()
    {
        await using var camera = await VirtualCamera.StartAsync(new VirtualCameraOptions { HasPtz = false }, Token);

        var result = await CliHarness.WithCameraPassword().RunAsync("camera", "goto-preset", "--url", camera.DeviceServiceUri.ToString(), "--user", "admin", "--preset", "Accueil");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("no PTZ service", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Discover_with_a_destination_finds_the_virtual_camera()
    {
        await using var camera = await VirtualCamera.StartAsync(cancellationToken: Token);

        var result = await CliHarness.Run("camera", "discover", "--destination", camera.DiscoveryEndpoint!.ToString(), "--timeout", "1s");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains(camera.DeviceServiceUri.ToString(), result.Out, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", result.Out, StringComparison.Ordinal);
        Assert.Contains("1 camera(s)", result.Out, StringComparison.Ordinal);
        Assert.True(camera.DiscoveryProbesAnswered >= 1);
    }

    [Fact]
    public async Task Discover_that_finds_nothing_exits_1_with_what_to_check()
    {
        // A loopback port where nothing answers: the socket is held, so no other test can take it meanwhile.
        using var silent = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)silent.Client.LocalEndPoint!).Port;

        var result = await CliHarness.Run("camera", "discover", "--destination", $"127.0.0.1:{port}", "--timeout", "300ms");

        Assert.Equal(ExitCodes.Failed, result.ExitCode);
        Assert.Contains("no ONVIF camera answered", result.Error, StringComparison.Ordinal);
        Assert.Contains("--interface", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
