using System.Net;
using System.Security.Cryptography;
using Hardware.Onvif.Device;
using Hardware.Onvif.Errors;
using Hardware.Onvif.Media;
using Hardware.Onvif.Security;
using Hardware.Onvif.Soap;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hardware.Onvif;

/// <summary>
/// Connects to ONVIF cameras. One instance serves any number of cameras; register it as a singleton.
/// </summary>
/// <remarks>
/// <see cref="ConnectAsync(Uri, NetworkCredential?, CancellationToken)"/> follows the robust order of
/// protocols.md §3.3 and §3.7: GetSystemDateAndTime without credentials (clock offset), GetServices
/// (GetCapabilities when it faults), GetDeviceInformation (which checks the credentials), GetProfiles.
/// </remarks>
public sealed class OnvifClient : IDisposable
{
    private const int NonceLength = 16;

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly OnvifClientOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly Func<byte[]> _randomBytes;
    private bool _disposed;

    /// <param name="httpClient">
    /// The HTTP client to use; it must not follow redirects to other hosts with credentials and needs no
    /// credentials of its own (digest is handled here). Null creates one owned by this instance.
    /// </param>
    /// <param name="options">Timeouts and behaviour; defaults when null.</param>
    /// <param name="timeProvider">Clock for WS-Security timestamps, offsets and waits; <see cref="TimeProvider.System"/> when null.</param>
    /// <param name="loggerFactory">Logging; passwords and digests are never logged.</param>
    /// <param name="randomBytes">
    /// Source of fresh random bytes for WS-Security nonces and digest cnonces (at least 16 bytes a call).
    /// Null uses <see cref="RandomNumberGenerator"/>; tests pass a deterministic one.
    /// </param>
    public OnvifClient(
        HttpClient? httpClient = null,
        OnvifClientOptions? options = null,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null,
        Func<byte[]>? randomBytes = null)
    {
        _ownsHttp = httpClient is null;
        _http = httpClient ?? CreateDefaultHttpClient();
        _options = options ?? new OnvifClientOptions();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = _loggerFactory.CreateLogger<OnvifClient>();
        _randomBytes = randomBytes ?? (() => RandomNumberGenerator.GetBytes(NonceLength));
    }

    /// <summary>
    /// Turns what an installer types into a device service URL: <c>192.168.1.64</c>,
    /// <c>192.168.1.64:8080</c> or <c>http://cam.local</c> get the usual <c>/onvif/device_service</c> path;
    /// a URL with a path is kept as it is.
    /// </summary>
    public static Uri ToDeviceServiceUri(string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        string text = address.Trim();
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "http://" + text;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"'{address}' is neither a host name, an IP address nor an http(s) URL.", nameof(address));
        }

        return uri.AbsolutePath is "" or "/" ? new Uri(uri, "/onvif/device_service") : uri;
    }

    /// <summary>Connects with a user name and password; see <see cref="ConnectAsync(Uri, NetworkCredential?, CancellationToken)"/>.</summary>
    public Task<OnvifCamera> ConnectAsync(string address, string? userName, string? password, CancellationToken cancellationToken = default) =>
        ConnectAsync(ToDeviceServiceUri(address), userName is null ? null : new NetworkCredential(userName, password ?? string.Empty), cancellationToken);

    /// <summary>
    /// Connects to the camera whose device service is at <paramref name="deviceServiceUri"/>: measures its
    /// clock, finds its services, checks the credentials and reads its media profiles.
    /// </summary>
    /// <exception cref="OnvifConnectionException">Nothing answers at that address.</exception>
    /// <exception cref="OnvifTimeoutException">The camera did not answer within <see cref="OnvifClientOptions.RequestTimeout"/>.</exception>
    /// <exception cref="OnvifHttpException">Something answers but not an ONVIF service (e.g. 404).</exception>
    /// <exception cref="OnvifAuthenticationException">Wrong user name or password (the message mentions a clock far off).</exception>
    /// <exception cref="OnvifProtocolException">The camera's answers cannot be used.</exception>
    public async Task<OnvifCamera> ConnectAsync(Uri deviceServiceUri, NetworkCredential? credential, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deviceServiceUri);
        ObjectDisposedException.ThrowIf(_disposed, this);
        ILogger cameraLogger = _loggerFactory.CreateLogger<OnvifCamera>();
        var clock = new CameraClock(_timeProvider);
        var soap = new SoapClient(_http, new HttpAuthenticator(credential, _randomBytes), clock, credential, _randomBytes,
            _options.RequestTimeout, _timeProvider, cameraLogger);

        await SynchroniseClockAsync(soap, deviceServiceUri, credential, cancellationToken).ConfigureAwait(false);
        soap.ResynchroniseClock = async ct =>
        {
            try
            {
                return await SynchroniseClockAsync(soap, deviceServiceUri, credential, ct).ConfigureAwait(false);
            }
            catch (OnvifException)
            {
                return false;
            }
        };

        ReportedServices reported = await GetReportedServicesAsync(soap, deviceServiceUri, cancellationToken).ConfigureAwait(false);
        OnvifServiceAddresses services = RewriteAddresses(deviceServiceUri, reported, out ServiceAddressRewriter rewriter);

        OnvifDeviceInformation information = DeviceMessages.ParseDeviceInformation(
            await soap.InvokeAsync(deviceServiceUri, DeviceMessages.GetDeviceInformation(), authenticate: true, cancellationToken).ConfigureAwait(false));

        var snapshots = new SnapshotDownloader(_http, new HttpAuthenticator(credential, _randomBytes), clock, credential?.UserName,
            _options.RequestTimeout, _timeProvider, cameraLogger);
        var camera = new OnvifCamera(soap, snapshots, rewriter, services, information, _options, _timeProvider, cameraLogger);
        await camera.LoadProfilesAsync(cancellationToken).ConfigureAwait(false);

        _logger.LogInformation(
            "Connected to {Manufacturer} {Model} at {Uri}: clock {Offset}, {MediaVersion}, {ProfileCount} profile(s), PTZ {Ptz}",
            information.Manufacturer, information.Model, deviceServiceUri,
            clock.IsKnown ? AuthenticationFailure.DescribeOffset(clock.Offset) : "unknown",
            camera.MediaVersion?.ToString() ?? "no media service", camera.Profiles.Count, camera.HasPtz ? "yes" : "no");
        return camera;
    }

    /// <summary>Disposes the HTTP client if this instance created it.</summary>
    public void Dispose()
    {
        if (!_disposed && _ownsHttp)
        {
            _http.Dispose();
        }

        _disposed = true;
    }

    /// <summary>
    /// Measures camera minus us (protocols.md §3.3). Anonymous first, as GetSystemDateAndTime is PRE_AUTH
    /// in Core; with WS-Security when the camera insists (Panasonic, Axis). Returns true when the offset
    /// moved by more than a few seconds since the last measurement.
    /// </summary>
    private async Task<bool> SynchroniseClockAsync(SoapClient soap, Uri device, NetworkCredential? credential, CancellationToken cancellationToken)
    {
        DateTimeOffset sent = _timeProvider.GetUtcNow();
        System.Xml.Linq.XElement response;
        try
        {
            response = await soap.InvokeAsync(device, DeviceMessages.GetSystemDateAndTime(), authenticate: false, cancellationToken).ConfigureAwait(false);
        }
        catch (OnvifAuthenticationException) when (credential is not null)
        {
            _logger.LogDebug("{Uri} wants credentials for GetSystemDateAndTime; retrying with WS-Security on our clock", device);
            sent = _timeProvider.GetUtcNow();
            response = await soap.InvokeAsync(device, DeviceMessages.GetSystemDateAndTime(), authenticate: true, cancellationToken).ConfigureAwait(false);
        }

        DateTimeOffset received = _timeProvider.GetUtcNow();
        DateTimeOffset? cameraTime = DeviceMessages.ParseSystemDateAndTime(response);
        if (cameraTime is null)
        {
            _logger.LogWarning("{Uri} reports no date and time; WS-Security timestamps will use our clock", device);
            return false;
        }

        TimeSpan previous = soap.Clock.Offset;
        TimeSpan offset = cameraTime.Value - (sent + ((received - sent) / 2));
        soap.Clock.SetOffset(offset);
        _logger.LogDebug("Camera clock at {Uri} is {Offset}", device, AuthenticationFailure.DescribeOffset(offset));
        return (offset - previous).Duration() > TimeSpan.FromSeconds(5);
    }

    private async Task<ReportedServices> GetReportedServicesAsync(SoapClient soap, Uri device, CancellationToken cancellationToken)
    {
        try
        {
            return DeviceMessages.ParseServices(
                await soap.InvokeAsync(device, DeviceMessages.GetServices(), authenticate: true, cancellationToken).ConfigureAwait(false));
        }
        catch (OnvifException exception) when (exception is OnvifFaultException or OnvifProtocolException or OnvifHttpException)
        {
            // Older cameras fault on GetServices (an Axis answers ter:Action "Action failed", §3.7).
            _logger.LogInformation("GetServices failed at {Uri} ({Reason}); falling back to GetCapabilities", device, exception.Message);
            return DeviceMessages.ParseCapabilities(
                await soap.InvokeAsync(device, DeviceMessages.GetCapabilities(), authenticate: true, cancellationToken).ConfigureAwait(false));
        }
    }

    private OnvifServiceAddresses RewriteAddresses(Uri device, ReportedServices reported, out ServiceAddressRewriter rewriter)
    {
        var rw = new ServiceAddressRewriter(device, reported) { Enabled = _options.RewriteServiceAddresses };
        rewriter = rw;
        foreach (Uri address in reported.All)
        {
            Uri rewritten = rw.Rewrite(address)!;
            if (rewritten != address)
            {
                _logger.LogInformation("Camera reports {Reported}; using {Rewritten} (the address we reach it on)", address, rewritten);
            }
        }

        return new OnvifServiceAddresses(device, rw.Rewrite(reported.Media), rw.Rewrite(reported.Media2), rw.Rewrite(reported.Ptz),
            rw.Rewrite(reported.Imaging), rw.Rewrite(reported.Events));
    }

    private static HttpClient CreateDefaultHttpClient() => new(new SocketsHttpHandler
    {
        ConnectTimeout = TimeSpan.FromSeconds(5),
        AllowAutoRedirect = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
    })
    {
        // Each call has its own timeout (OnvifClientOptions.RequestTimeout) through a cancellation token.
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
