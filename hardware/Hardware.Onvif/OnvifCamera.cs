using System.Collections.Concurrent;
using System.Xml.Linq;
using Hardware.Onvif.Device;
using Hardware.Onvif.Errors;
using Hardware.Onvif.Media;
using Hardware.Onvif.Ptz;
using Hardware.Onvif.Soap;
using Microsoft.Extensions.Logging;

namespace Hardware.Onvif;

/// <summary>
/// A camera we are connected to (see <see cref="OnvifClient.ConnectAsync(Uri, System.Net.NetworkCredential?, CancellationToken)"/>):
/// what it is, and what it can be asked to do. Safe for concurrent calls.
/// </summary>
/// <remarks>
/// Methods that take an optional <c>profileToken</c> use, when it is null, the first media profile —
/// for PTZ calls, the first profile that has a PTZ configuration.
/// </remarks>
public sealed class OnvifCamera
{
    private readonly SoapClient _soap;
    private readonly SnapshotDownloader _snapshots;
    private readonly ServiceAddressRewriter _rewriter;
    private readonly OnvifClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, Uri> _snapshotUris = new(StringComparer.Ordinal);

    internal OnvifCamera(
        SoapClient soap,
        SnapshotDownloader snapshots,
        ServiceAddressRewriter rewriter,
        OnvifServiceAddresses services,
        OnvifDeviceInformation deviceInformation,
        OnvifClientOptions options,
        TimeProvider timeProvider,
        ILogger logger)
    {
        _soap = soap;
        _snapshots = snapshots;
        _rewriter = rewriter;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        Services = services;
        DeviceInformation = deviceInformation;
        MediaVersion = services.Media2 is not null && (options.PreferMedia2 || services.Media is null) ? MediaServiceVersion.Media2
            : services.Media is not null ? MediaServiceVersion.Media1
            : null;
    }

    /// <summary>The device service URL we connected to.</summary>
    public Uri DeviceServiceUri => Services.Device;

    /// <summary>Manufacturer, model, firmware, serial number.</summary>
    public OnvifDeviceInformation DeviceInformation { get; }

    /// <summary>Where each service answers (after rewrite onto the address we reach the camera on).</summary>
    public OnvifServiceAddresses Services { get; }

    /// <summary>
    /// Camera clock minus ours, applied to every WS-Security timestamp; null when the camera did not report
    /// its time. A large value is worth showing to the installer: the camera's recordings are stamped with it.
    /// </summary>
    public TimeSpan? ClockOffset => _soap.Clock.IsKnown ? _soap.Clock.Offset : null;

    /// <summary>The media service in use, or null when the camera lists none.</summary>
    public MediaServiceVersion? MediaVersion { get; private set; }

    /// <summary>The media profiles read at connection (refresh with <see cref="GetProfilesAsync"/>).</summary>
    public IReadOnlyList<MediaProfile> Profiles { get; private set; } = [];

    /// <summary>True when the camera has a PTZ service.</summary>
    public bool HasPtz => Services.Ptz is not null;

    /// <summary>Reads the media profiles again (Media2 when available, else Media).</summary>
    public async Task<IReadOnlyList<MediaProfile>> GetProfilesAsync(CancellationToken cancellationToken = default)
    {
        await LoadProfilesAsync(cancellationToken).ConfigureAwait(false);
        return Profiles;
    }

    /// <summary>The JPEG snapshot URL of a profile, with its host rewritten like the service addresses.</summary>
    public async Task<Uri> GetSnapshotUriAsync(string? profileToken = null, CancellationToken cancellationToken = default)
    {
        (Uri endpoint, MediaServiceVersion version) = RequireMedia("GetSnapshotUri");
        string profile = ResolveProfile(profileToken, needsPtz: false);
        XElement response = await _soap.InvokeAsync(endpoint, MediaMessages.GetSnapshotUri(version, profile), authenticate: true, cancellationToken).ConfigureAwait(false);
        return _rewriter.Rewrite(MediaMessages.ParseMediaUri(response))!;
    }

    /// <summary>The RTSP URL of a profile (RTP unicast), with its host rewritten.</summary>
    public async Task<Uri> GetStreamUriAsync(string? profileToken = null, CancellationToken cancellationToken = default)
    {
        (Uri endpoint, MediaServiceVersion version) = RequireMedia("GetStreamUri");
        string profile = ResolveProfile(profileToken, needsPtz: false);
        XElement response = await _soap.InvokeAsync(endpoint, MediaMessages.GetStreamUri(version, profile), authenticate: true, cancellationToken).ConfigureAwait(false);
        return _rewriter.Rewrite(MediaMessages.ParseMediaUri(response))!;
    }

    /// <summary>
    /// Downloads one JPEG from the profile's snapshot URL (asked once, then remembered), with HTTP digest or
    /// basic when the camera asks for it.
    /// </summary>
    public async Task<CameraSnapshot> TakeSnapshotAsync(string? profileToken = null, CancellationToken cancellationToken = default)
    {
        string profile = ResolveProfile(profileToken, needsPtz: false);
        if (!_snapshotUris.TryGetValue(profile, out Uri? uri))
        {
            uri = await GetSnapshotUriAsync(profile, cancellationToken).ConfigureAwait(false);
            _snapshotUris[profile] = uri;
        }

        return await _snapshots.DownloadAsync(uri, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The PTZ presets of a profile.</summary>
    /// <exception cref="OnvifNotSupportedException">The camera has no PTZ service or no profile with PTZ.</exception>
    public async Task<IReadOnlyList<PtzPreset>> GetPresetsAsync(string? profileToken = null, CancellationToken cancellationToken = default)
    {
        Uri ptz = RequirePtz("GetPresets");
        string profile = ResolveProfile(profileToken, needsPtz: true);
        XElement response = await _soap.InvokeAsync(ptz, PtzMessages.GetPresets(profile), authenticate: true, cancellationToken).ConfigureAwait(false);
        return PtzMessages.ParsePresets(response);
    }

    /// <summary>
    /// Sends the camera to a preset. Returns as soon as the camera accepted the order: the move itself
    /// is asynchronous (PTZ spec: GotoPreset is non-blocking); see <see cref="WaitForPtzIdleAsync"/>.
    /// </summary>
    /// <param name="presetToken">The preset's token (not its name; see <see cref="GotoPresetByNameAsync"/>).</param>
    /// <param name="profileToken">The profile, or null for the first with PTZ.</param>
    /// <param name="speed">Optional speed in the generic speed space (0..1); the camera default otherwise.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="OnvifNotSupportedException">The camera has no PTZ service.</exception>
    /// <exception cref="OnvifFaultException">The camera refused, e.g. an unknown token (InvalidArgVal / NoToken).</exception>
    public async Task GotoPresetAsync(string presetToken, string? profileToken = null, PtzPosition? speed = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(presetToken);
        Uri ptz = RequirePtz("GotoPreset");
        string profile = ResolveProfile(profileToken, needsPtz: true);
        await _soap.InvokeAsync(ptz, PtzMessages.GotoPreset(profile, presetToken, speed), authenticate: true, cancellationToken).ConfigureAwait(false);
        _logger.LogInformation("Camera {Uri} sent to preset {Preset} (profile {Profile})", DeviceServiceUri, presetToken, profile);
    }

    /// <summary>
    /// Looks the preset up by name (exact, then ignoring case) and sends the camera to it. Returns the
    /// preset used.
    /// </summary>
    /// <exception cref="OnvifPresetNotFoundException">No preset, or several, have that name; the message lists them.</exception>
    public async Task<PtzPreset> GotoPresetByNameAsync(string presetName, string? profileToken = null, PtzPosition? speed = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(presetName);
        IReadOnlyList<PtzPreset> presets = await GetPresetsAsync(profileToken, cancellationToken).ConfigureAwait(false);
        PtzPreset preset = PresetLookup.FindByName(presets, presetName, DeviceServiceUri);
        await GotoPresetAsync(preset.Token, profileToken, speed, cancellationToken).ConfigureAwait(false);
        return preset;
    }

    /// <summary>Moves to an absolute position in the generic spaces (pan/tilt −1..1, zoom 0..1).</summary>
    public async Task AbsoluteMoveAsync(PtzPosition position, string? profileToken = null, PtzPosition? speed = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(position);
        Uri ptz = RequirePtz("AbsoluteMove");
        string profile = ResolveProfile(profileToken, needsPtz: true);
        await _soap.InvokeAsync(ptz, PtzMessages.AbsoluteMove(profile, position, speed), authenticate: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Position and move status (GetStatus).</summary>
    public async Task<PtzStatus> GetPtzStatusAsync(string? profileToken = null, CancellationToken cancellationToken = default)
    {
        Uri ptz = RequirePtz("GetStatus");
        string profile = ResolveProfile(profileToken, needsPtz: true);
        XElement response = await _soap.InvokeAsync(ptz, PtzMessages.GetStatus(profile), authenticate: true, cancellationToken).ConfigureAwait(false);
        return PtzMessages.ParseStatus(response);
    }

    /// <summary>
    /// Waits until the camera reports that it stopped moving (GetStatus MoveStatus IDLE), polling every
    /// <see cref="OnvifClientOptions.PtzStatusPollInterval"/>, for at most <paramref name="timeout"/>. A camera
    /// that cannot report its move status gets <see cref="OnvifClientOptions.PtzSettleTime"/> instead (capped by the timeout).
    /// </summary>
    /// <remarks>The first poll comes after one interval, to give a just-ordered move time to start.</remarks>
    public async Task<PtzSettleOutcome> WaitForPtzIdleAsync(TimeSpan timeout, string? profileToken = null, CancellationToken cancellationToken = default)
    {
        RequirePtz("GetStatus");
        DateTimeOffset deadline = _timeProvider.GetUtcNow() + timeout;
        while (true)
        {
            await DelayAsync(_options.PtzStatusPollInterval, deadline, cancellationToken).ConfigureAwait(false);
            PtzStatus status;
            try
            {
                status = await GetPtzStatusAsync(profileToken, cancellationToken).ConfigureAwait(false);
            }
            catch (OnvifException exception) when (exception is OnvifFaultException or OnvifProtocolException or OnvifHttpException)
            {
                _logger.LogDebug("GetStatus unusable at {Uri} ({Reason}); waiting the settle time instead", DeviceServiceUri, exception.Message);
                return await SettleAsync(deadline, cancellationToken).ConfigureAwait(false);
            }

            if (status.PanTilt == PtzMoveStatus.Unknown && status.Zoom == PtzMoveStatus.Unknown)
            {
                return await SettleAsync(deadline, cancellationToken).ConfigureAwait(false);
            }

            if (status.IsIdle)
            {
                return PtzSettleOutcome.Idle;
            }

            if (_timeProvider.GetUtcNow() >= deadline)
            {
                return PtzSettleOutcome.StillMovingAtTimeout;
            }
        }
    }

    internal async Task LoadProfilesAsync(CancellationToken cancellationToken)
    {
        if (MediaVersion is not { } version)
        {
            Profiles = [];
            return;
        }

        Uri endpoint = version == MediaServiceVersion.Media2 ? Services.Media2! : Services.Media!;
        try
        {
            XElement response = await _soap.InvokeAsync(endpoint, MediaMessages.GetProfiles(version), authenticate: true, cancellationToken).ConfigureAwait(false);
            Profiles = MediaMessages.ParseProfiles(response);
        }
        catch (OnvifException exception) when (version == MediaServiceVersion.Media2 && Services.Media is not null
            && exception is OnvifFaultException or OnvifProtocolException)
        {
            // A camera that lists Media2 but implements it badly still has Media.
            _logger.LogInformation("Media2 GetProfiles failed at {Uri} ({Reason}); using Media", endpoint, exception.Message);
            MediaVersion = MediaServiceVersion.Media1;
            await LoadProfilesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<PtzSettleOutcome> SettleAsync(DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        await DelayAsync(_options.PtzSettleTime, deadline, cancellationToken).ConfigureAwait(false);
        return PtzSettleOutcome.AssumedAfterSettleTime;
    }

    private Task DelayAsync(TimeSpan wanted, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        TimeSpan remaining = deadline - _timeProvider.GetUtcNow();
        TimeSpan delay = wanted < remaining ? wanted : remaining;
        return delay > TimeSpan.Zero ? Task.Delay(delay, _timeProvider, cancellationToken) : Task.CompletedTask;
    }

    private (Uri Endpoint, MediaServiceVersion Version) RequireMedia(string operation) => MediaVersion switch
    {
        MediaServiceVersion.Media2 => (Services.Media2!, MediaServiceVersion.Media2),
        MediaServiceVersion.Media1 => (Services.Media!, MediaServiceVersion.Media1),
        _ => throw new OnvifNotSupportedException($"The camera at {DeviceServiceUri} has no media service, so no snapshot or stream.")
        {
            Endpoint = DeviceServiceUri,
            Operation = operation,
        },
    };

    private Uri RequirePtz(string operation) => Services.Ptz ?? throw new OnvifNotSupportedException(
        $"The camera at {DeviceServiceUri} ({DeviceInformation.Manufacturer} {DeviceInformation.Model}) has no PTZ service: it cannot turn to a preset. Is it a fixed camera?")
    {
        Endpoint = DeviceServiceUri,
        Operation = operation,
    };

    private string ResolveProfile(string? profileToken, bool needsPtz)
    {
        if (profileToken is not null)
        {
            return profileToken;
        }

        MediaProfile? profile = needsPtz ? Profiles.FirstOrDefault(p => p.HasPtz) : Profiles.FirstOrDefault();
        if (profile is not null)
        {
            return profile.Token;
        }

        throw new OnvifNotSupportedException(needsPtz
            ? $"The camera at {DeviceServiceUri} has a PTZ service but no media profile with a PTZ configuration; add one in the camera's settings or pass a profile token."
            : $"The camera at {DeviceServiceUri} has no media profile.")
        {
            Endpoint = DeviceServiceUri,
        };
    }
}
