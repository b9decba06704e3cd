using Hardware.Onvif;

namespace Provisioning.Cli.Commands.Camera;

/// <summary>
/// The ONVIF client of one command, over the context's HTTP handler when it has one (tests keep traffic on
/// loopback that way). OnvifClient does not dispose an HttpClient it is given, so this does.
/// </summary>
internal sealed class CameraClient : IDisposable
{
    private readonly HttpClient? _http;

    public CameraClient(CliContext context, TimeSpan requestTimeout)
    {
        var options = new OnvifClientOptions { RequestTimeout = requestTimeout };
        if (context.CreateHttpHandler is { } create)
        {
            // Each request has its own timeout (RequestTimeout), through a cancellation token.
            _http = new HttpClient(create(), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        }

        Onvif = new OnvifClient(_http, options, context.Time);
    }

    public OnvifClient Onvif { get; }

    public void Dispose()
    {
        Onvif.Dispose();
        _http?.Dispose();
    }
}
