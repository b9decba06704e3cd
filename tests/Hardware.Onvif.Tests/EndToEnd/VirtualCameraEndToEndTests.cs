using System.Net;
using Hardware.Onvif.Errors;
using Hardware.Onvif.Media;
using Hardware.Onvif.Ptz;
using Hardware.Onvif.Simulator;

namespace Hardware.Onvif.Tests.EndToEnd;

/// <summary>The client against the virtual camera, over real HTTP on 127.0.0.1.</summary>
public sealed class VirtualCameraEndToEndTests : IDisposable
{
    private static readonly TimeSpan s_threeYears = TimeSpan.FromDays(3 * 365);
    private readonly HttpClient _http = new(new LoopbackOnlyHandler());
    private readonly OnvifClient _client;

    public VirtualCameraEndToEndTests() => _client = new OnvifClient(_http, new OnvifClientOptions { RequestTimeout = TimeSpan.FromSeconds(5) });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _client.Dispose();
        _http.Dispose();
    }

    [Fact]
    public async Task Connect_ReadsIdentityClockProfilesPresetsAndSnapshotUri()
    {
        await using VirtualCamera camera = await VirtualCamera.StartAsync(cancellationToken: Ct);

        OnvifCamera connected = await _client.ConnectAsync(camera.DeviceServiceUri, TestCredentials.Good, Ct);

        Assert.Equal("Mockup Manufacturer", connected.DeviceInformation.Manufacturer);
        Assert.Equal("Mockup Model", connected.DeviceInformation.Model);
        Assert.Equal("Mockup_15_14_13", connected.DeviceInformation.FirmwareVersion);
        Assert.NotNull(connected.ClockOffset);
        Assert.True(connected.ClockOffset.Value.Duration() < TimeSpan.FromSeconds(2), $"offset {connected.ClockOffset}");
        Assert.Equal(MediaServiceVersion.Media1, connected.MediaVersion);
        MediaProfile profile = Assert.Single(connected.Profiles);
        Assert.Equal(("main", "H264", 1920, 1080, "default"), (profile.Token, profile.VideoEncoding, profile.Width!.Value, profile.Height!.Value, profile.PtzConfigurationToken));
        Assert.True(connected.HasPtz);

        IReadOnlyList<PtzPreset> presets = await connected.GetPresetsAsync(cancellationToken: Ct);
        Assert.Equal(46, presets.Count);
        Assert.Equal(("P001", "P001"), (presets[0].Token, presets[0].Name));
        Assert.Equal(("Home2", "Home"), (presets[^1].Token, presets[^1].Name));

        // The recorded GetSnapshotUri answer uses an undeclared SOAP-ENV prefix: the client repairs it.
        Uri snapshot = await connected.GetSnapshotUriAsync(cancellationToken: Ct);
        Assert.Equal(new Uri(camera.BaseUri, "/onvif-cgi/jpg/image.cgi?resolution=800x600&compression=20&camera=1"), snapshot);
        Uri stream = await connected.GetStreamUriAsync(cancellationToken: Ct);
        Assert.Equal($"rtsp://127.0.0.1/h264main", stream.ToString());
        Assert.Equal(0, camera.AuthenticationFailures);
    }

    [Fact]
    public async Task Connect_WithWrongPassword_SaysWrongUserNameOrPassword()
    {
        await using VirtualCamera camera = await VirtualCamera.StartAsync(cancellationToken: Ct);

        OnvifAuthenticationException error = await Assert.ThrowsAsync<OnvifAuthenticationException>(
            () => _client.ConnectAsync(camera.DeviceServiceUri, new NetworkCredential("admin", "wrong"), Ct));

        Assert.Contains("wrong user name or password", error.Message, StringComparison.Ordinal);
        Assert.Contains(camera.DeviceServiceUri.ToString(), error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong\"", error.Message, StringComparison.Ordinal);
        Assert.Equal("admin", error.UserName);
        Assert.Equal("wrong password digest", camera.LastAuthenticationFailure);
    }

    [Fact]
    public async Task Connect_WithoutCredentials_SaysTheCameraNeedsThem()
    {
        await using VirtualCamera camera = await VirtualCamera.StartAsync(cancellationToken: Ct);

        OnvifAuthenticationException error = await Assert.ThrowsAsync<OnvifAuthenticationException>(
            () => _client.ConnectAsync(camera.DeviceServiceUri, credential: null, Ct));

        Assert.Contains("requires a user name and password", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connect_ToCameraThreeYearsAhead_MeasuresAndAppliesTheOffset()
    {
        await using VirtualCamera camera = await VirtualCamera.StartAsync(new VirtualCameraOptions { ClockOffset = s_threeYears }, Ct);

        OnvifCamera connected = await _client.ConnectAsync(camera.DeviceServiceUri, TestCredentials.Good, Ct);
        IReadOnlyList<PtzPreset> presets = await connected.GetPresetsAsync(cancellationToken: Ct);

        Assert.NotNull(connected.ClockOffset);
        Assert.InRange(connected.ClockOffset.Value, s_threeYears - TimeSpan.FromSeconds(2), s_threeYears + TimeSpan.FromSeconds(2));
        Assert.NotEmpty(presets);
        Assert.Equal(0, camera.AuthenticationFailures);
    }

    [Fact]
    public async Task WsSecurityOnOurClock_CameraThreeYearsAhead_IsRefusedForItsTimestamp()
    {
        await using VirtualCamera camera = await VirtualCamera.StartAsync(new VirtualCameraOptions { ClockOffset = s_threeYears }, Ct);
        using var http = new HttpClient(new LoopbackOnlyHandler());

        // A client that never measured the offset: what the real client would do if it forgot it.
        var soap = InternalClients.CreateSoapClient(http, TestCredentials.Good, clockOffset: null);
        OnvifAuthenticationException error = await Assert.ThrowsAsync<OnvifAuthenticationException>(
            () => soap.InvokeAsync(camera.DeviceServiceUri, Onvif.Device.DeviceMessages.GetDeviceInformation(), authenticate: true, Ct));

        Assert.Contains("from the camera clock", camera.LastAuthenticationFailure, StringComparison.Ordinal);
        Assert.Contains("clock could not be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CameraThatAnswers401_GetsHttpDigestAndObeys()
    {
        await using VirtualCamera camera = await VirtualCamera.StartAsync(new VirtualCameraOptions { RequireHttpDigest = true }, Ct);

        OnvifCamera connected = await _client.ConnectAsync(camera.DeviceServiceUri, TestCredentials.Good, Ct);
        await connected.GotoPresetAsync("P003", cancellationToken: Ct);

        Assert.Equal("Mockup Manufacturer", connected.DeviceInformation.Manufacturer);
        Assert.Equal("P003", camera.LastGotoPresetToken);
        Assert.Equal(0, camera.AuthenticationFailures);
    }

    [Fact]
    public async Task CameraThatAnswers401_WithWrongPassword_SaysWrongUserNameOrPassword()
    {
        await using VirtualCamera camera = await VirtualCamera.StartAsync(new VirtualCameraOptions { RequireHttpDigest = true }, Ct);

        OnvifAuthenticationException error = await Assert.ThrowsAsync<OnvifAuthenticationException>(
            () => _client.ConnectAsync(camera.DeviceServiceUri, new NetworkCredential("admin", "nope"), Ct));

        Assert.Contains("HTTP authentication", error.Message, StringComparison.Ordinal);
        Assert.Contains("wrong user name or password", error.Message, StringComparison.Ordinal);
        Assert.Equal("wrong digest response", camera.LastAuthenticationFailure);
    }

    [Fact]
    public async Task GetServicesFaulting_FallsBackToGetCapabilities()
    {
        await using VirtualCamera camera = await VirtualCamera.StartAsync(new VirtualCameraOptions { FailGetServices = true }, Ct);

        OnvifCamera connected = await _client.ConnectAsync(camera.DeviceServiceUri, TestCredentials.Good, Ct);
        await connected.GotoPresetAsync("P002", cancellationToken: Ct);

        IReadOnlyList<string> operations = camera.ReceivedOperations;
        Assert.True(operations.ToList().IndexOf("GetServices") < operations.ToList().IndexOf("GetCapabilities"), string.Join(",", operations));
        Assert.Equal(new Uri(camera.BaseUri, "/onvif/services"), connected.Services.Ptz);
        Assert.Equal("P002", camera.LastGotoPresetToken);
    }

    [Fact]
    public async Task CapabilitiesDeclaredUtf16OnAsciiBytes_AreReadAnyway()
    {
        var options = new VirtualCameraOptions
        {
            FailGetServices = true,
            ReplayFiles = new Dictionary<string, string> { ["GetCapabilities"] = "GetCapabilitiesEncoder.xml" },
        };
        await using VirtualCamera camera = await VirtualCamera.StartAsync(options, Ct);

        OnvifCamera connected = await _client.ConnectAsync(camera.DeviceServiceUri, TestCredentials.Good, Ct);

        Assert.Equal(new Uri(camera.BaseUri, "/onvif/device_service"), connected.Services.Media);
        Assert.Equal(new Uri(camera.BaseUri, "/onvif/event_service"), connected.Services.Events);
    }

    [Fact]
    public async Task ForeignLanAddressInAnswers_IsRewrittenOntoTheAddressWeReach()
    {
        await using VirtualCamera camera = await VirtualCamera.StartAsync(new VirtualCameraOptions { ReportedHost = "192.168.1.64" }, Ct);

        OnvifCamera connected = await _client.ConnectAsync(camera.DeviceServiceUri, TestCredentials.Good, Ct);
        await connected.GotoPresetAsync("P001", cancellationToken: Ct);
        CameraSnapshot snapshot = await connected.TakeSnapshotAsync(cancellationToken: Ct);

        Assert.Equal(new Uri(camera.BaseUri, "/onvif/services"), connected.Services.Media);
        Assert.Equal(new Uri(camera.BaseUri, "/onvif/services"), connected.Services.Ptz);
        Assert.Equal(camera.BaseUri.Authority, snapshot.SourceUri.Authority);
        Assert.Equal("127.0.0.1", (await connected.GetStreamUriAsync(cancellationToken: Ct)).Host);
        Assert.Equal(1, camera.GotoPresetCount);
        Assert.Equal(1, camera.SnapshotsServed);
    }

    [Fact]
    public async Task GotoPresetByName_ReachesTheCameraAndTheMoveSettles()
    {
        var counter = new PtzPosition(0.25, -0.1, 0.5);
        var options = new VirtualCameraOptions
        {
            Presets = [new("1", "Entrée"), new("2", "Accueil", counter)],
            PtzMoveDuration = TimeSpan.FromMilliseconds(400),
        };
        await using VirtualCamera camera = await VirtualCamera.StartAsync(options, Ct);
        OnvifCamera connected = await _client.ConnectAsync(camera.DeviceServiceUri, TestCredentials.Good, Ct);

        PtzPreset preset = await connected.GotoPresetByNameAsync("accueil", cancellationToken: Ct);
        PtzStatus moving = await connected.GetPtzStatusAsync(cancellationToken: Ct);
        PtzSettleOutcome outcome = await connected.WaitForPtzIdleAsync(TimeSpan.FromSeconds(5), cancellationToken: Ct);
        PtzStatus settled = await connected.GetPtzStatusAsync(cancellationToken: Ct);

        Assert.Equal("2", preset.Token);
        Assert.Equal("2", camera.LastGotoPresetToken);
        Assert.Equal(PtzMoveStatus.Moving, moving.PanTilt);
        Assert.Equal(PtzSettleOutcome.Idle, outcome);
        Assert.True(settled.IsIdle);
        Assert.Equal(counter, settled.Position);
    }

    [Fact]
    public async Task WaitForPtzIdle_WhenTheCameraHasNoGetStatus_WaitsTheSettleTime()
    {
        await using VirtualCamera camera = await VirtualCamera.StartAsync(new VirtualCameraOptions { SupportsPtzStatus = false }, Ct);
        using var client = new OnvifClient(_http, new OnvifClientOptions
        {
            PtzStatusPollInterval = TimeSpan.FromMilliseconds(10),
            PtzSettleTime = TimeSpan.FromMilliseconds(50),
        });
        OnvifCamera connected = await client.ConnectAsync(camera.DeviceServiceUri, TestCredentials.Good, Ct);
        await connected.GotoPresetAsync("P001", cancellationToken: Ct);

        PtzSettleOutcome outcome = await connected.WaitForPtzIdleAsync(TimeSpan.FromSeconds(5), cancellationToken: Ct);

        Assert.Equal(PtzSettleOutcome.AssumedAfterSettleTime, outcome);
        Assert.Contains("GetStatus", camera.ReceivedOperations);
    }

    [Fact]
    public async Task GotoPreset_WithUnknownToken_IsAFaultNamingTheSubcode()
    {
        await using VirtualCamera camera = await VirtualCamera.StartAsync(cancellationToken: Ct);
        OnvifCamera connected = await _client.ConnectAsync(camera.DeviceServiceUri, TestCredentials.Good, Ct);

        OnvifFaultException fault = await Assert.ThrowsAsync<OnvifFaultException>(() => connected.GotoPresetAsync("P999", cancellationToken: Ct));

        Assert.Equal("Sender", fault.Code);
        Assert.True(fault.HasSubcode("InvalidArgVal"));
        Assert.True(fault.HasSubcode("NoToken"));
        Assert.Contains("P999", fault.Reason, StringComparison.Ordinal);
        Assert.Equal(0, camera.GotoPresetCount);
    }

    [Fact]
    public async Task GotoPresetByName_WhenTwoPresetsShareTheName_ListsThem()
    {
        await using VirtualCamera camera = await VirtualCamera.StartAsync(cancellationToken: Ct);
        OnvifCamera connected = await _client.ConnectAsync(camera.DeviceServiceUri, TestCredentials.Good, Ct);

        OnvifPresetNotFoundException ambiguous = await Assert.ThrowsAsync<OnvifPresetNotFoundException>(
            () => connected.GotoPresetByNameAsync("Home", cancellationToken: Ct));
        OnvifPresetNotFoundException missing = await Assert.ThrowsAsync<OnvifPresetNotFoundException>(
            () => connected.GotoPresetByNameAsync("Reception", cancellationToken: Ct));

        Assert.Contains("token Home2", ambiguous.Message, StringComparison.Ordinal);
        Assert.Contains("no preset named 'Reception'", missing.Message, StringComparison.Ordinal);
        Assert.Equal(46, missing.AvailablePresets.Count);
        Assert.Equal(0, camera.GotoPresetCount);
    }

    [Fact]
    public async Task TakeSnapshot_BehindDigest_GivesADifferentJpegEachTime()
    {
        await using VirtualCamera camera = await VirtualCamera.StartAsync(cancellationToken: Ct);
        OnvifCamera connected = await _client.ConnectAsync(camera.DeviceServiceUri, TestCredentials.Good, Ct);

        CameraSnapshot first = await connected.TakeSnapshotAsync(cancellationToken: Ct);
        CameraSnapshot second = await connected.TakeSnapshotAsync(cancellationToken: Ct);

        Assert.Equal(new byte[] { 0xFF, 0xD8 }, first.Jpeg[..2].ToArray());
        Assert.Equal("image/jpeg", first.ContentType);
        Assert.False(first.Jpeg.Span.SequenceEqual(second.Jpeg.Span));
        Assert.Equal(2, camera.SnapshotsServed);
        Assert.Equal(0, camera.AuthenticationFailures);
    }

    [Fact]
    public async Task TakeSnapshot_WithWrongPassword_IsAnAuthenticationError()
    {
        await using VirtualCamera camera = await VirtualCamera.StartAsync(cancellationToken: Ct);
        using var http = new HttpClient(new LoopbackOnlyHandler());
        var downloader = InternalClients.CreateSnapshotDownloader(http, new NetworkCredential("admin", "wrong"));

        OnvifAuthenticationException error = await Assert.ThrowsAsync<OnvifAuthenticationException>(
            () => downloader.DownloadAsync(new Uri(camera.BaseUri, VirtualCamera.SnapshotPath), Ct));

        Assert.Contains("wrong user name or password", error.Message, StringComparison.Ordinal);
        Assert.Equal("wrong digest response", camera.LastAuthenticationFailure);
        Assert.Equal(0, camera.SnapshotsServed);
    }

    [Fact]
    public async Task CameraWithMedia2_IsDrivenThroughMedia2()
    {
        await using VirtualCamera camera = await VirtualCamera.StartAsync(new VirtualCameraOptions { HasMedia2 = true }, Ct);

        OnvifCamera connected = await _client.ConnectAsync(camera.DeviceServiceUri, TestCredentials.Good, Ct);
        CameraSnapshot snapshot = await connected.TakeSnapshotAsync(cancellationToken: Ct);
        await connected.GotoPresetAsync("P004", cancellationToken: Ct);

        Assert.Equal(MediaServiceVersion.Media2, connected.MediaVersion);
        Assert.Equal(new Uri(camera.BaseUri, "/onvif/media2"), connected.Services.Media2);
        Assert.Equal("default", Assert.Single(connected.Profiles).PtzConfigurationToken);
        Assert.Contains("GetProfiles", camera.ReceivedOperations);
        Assert.Equal(1, camera.SnapshotsServed);
        Assert.Equal(0xD8, snapshot.Jpeg.Span[1]);
        Assert.Equal("P004", camera.LastGotoPresetToken);
    }

    [Fact]
    public async Task CameraWithoutPtz_SaysItHasNoPtz()
    {
        await using VirtualCamera camera = await VirtualCamera.StartAsync(new VirtualCameraOptions { HasPtz = false }, Ct);
        OnvifCamera connected = await _client.ConnectAsync(camera.DeviceServiceUri, TestCredentials.Good, Ct);

        OnvifNotSupportedException error = await Assert.ThrowsAsync<OnvifNotSupportedException>(
            () => connected.GotoPresetByNameAsync("Accueil", cancellationToken: Ct));

        Assert.False(connected.HasPtz);
        Assert.Contains("has no PTZ service", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("GetPresets", camera.ReceivedOperations);
        Assert.Equal(0, camera.GotoPresetCount);
    }

    [Fact]
    public async Task CameraDown_ConnectionRefused_FailsAsRefusedWithTheUrl()
    {
        VirtualCamera camera = await VirtualCamera.StartAsync(new VirtualCameraOptions { EnableDiscovery = false }, Ct);
        Uri address = camera.DeviceServiceUri;
        await camera.DisposeAsync();

        // Refused, not timed out: the error names the refusal (how long it takes is the benchmarks' business).
        OnvifConnectionException error = await Assert.ThrowsAsync<OnvifConnectionException>(
            () => _client.ConnectAsync(address, TestCredentials.Good, Ct));

        Assert.Contains("connection refused", error.Message, StringComparison.Ordinal);
        Assert.Contains(address.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal(address, error.Endpoint);
    }

    [Fact]
    public async Task WrongUrl_404_SaysThereIsNoOnvifServiceThere()
    {
        await using VirtualCamera camera = await VirtualCamera.StartAsync(cancellationToken: Ct);
        var wrong = new Uri(camera.BaseUri, "/cgi-bin/status");

        OnvifHttpException error = await Assert.ThrowsAsync<OnvifHttpException>(() => _client.ConnectAsync(wrong, TestCredentials.Good, Ct));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("no ONVIF service at this URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AbsoluteMove_ReachesTheCamera()
    {
        await using VirtualCamera camera = await VirtualCamera.StartAsync(cancellationToken: Ct);
        OnvifCamera connected = await _client.ConnectAsync(camera.DeviceServiceUri, TestCredentials.Good, Ct);

        await connected.AbsoluteMoveAsync(new PtzPosition(-0.5, 0.2, 0.3), cancellationToken: Ct);

        Assert.Equal(new PtzPosition(-0.5, 0.2, 0.3), camera.LastAbsoluteMove);
    }

    [Fact]
    public async Task Logs_NeverContainThePasswordOrDigests()
    {
        const string password = "S3cret-pw!";
        var logs = new CapturingLoggerProvider();
        await using VirtualCamera camera = await VirtualCamera.StartAsync(new VirtualCameraOptions { Password = password, RequireHttpDigest = true }, Ct);
        using var client = new OnvifClient(_http, loggerFactory: logs);

        OnvifCamera connected = await client.ConnectAsync(camera.DeviceServiceUri, new NetworkCredential("admin", password), Ct);
        await connected.TakeSnapshotAsync(cancellationToken: Ct);
        await Assert.ThrowsAsync<OnvifAuthenticationException>(() => client.ConnectAsync(camera.DeviceServiceUri, new NetworkCredential("admin", "other-pw"), Ct));

        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, line => line.Contains(password, StringComparison.Ordinal) || line.Contains("other-pw", StringComparison.Ordinal)
            || line.Contains("response=", StringComparison.Ordinal) || line.Contains("PasswordDigest", StringComparison.Ordinal));
    }
}
