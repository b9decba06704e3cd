using System.Net;
using System.Xml.Linq;
using Hardware.Onvif.Errors;
using Hardware.Onvif.Ptz;
using Hardware.Onvif.Soap;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hardware.Onvif.Simulator;

/// <summary>
/// A fake ONVIF PTZ camera for tests and demos: replays the recorded responses of a real camera over
/// HTTP (Kestrel, loopback, ephemeral port by default), checks credentials like a strict camera,
/// serves JPEG snapshots behind HTTP digest, answers WS-Discovery Probes, and records what it was
/// asked. "Camera down" is simply a camera not started, or disposed.
/// </summary>
/// <example>
/// <code>
/// await using VirtualCamera camera = await VirtualCamera.StartAsync(new VirtualCameraOptions { ClockOffset = TimeSpan.FromDays(3 * 365) });
/// Console.WriteLine(camera.DeviceServiceUri); // http://127.0.0.1:41234/onvif/device_service, user admin, password 9999
/// </code>
/// </example>
public sealed class VirtualCamera : IAsyncDisposable
{
    /// <summary>The snapshot path, the one the recorded GetSnapshotUri answer gives.</summary>
    public const string SnapshotPath = "/onvif-cgi/jpg/image.cgi";

    private const int MaxRequestBytes = 1 << 20;

    private readonly WebApplication _web;
    private readonly VirtualCameraSoapService _soap;
    private readonly VirtualCameraDiscoveryResponder? _discovery;
    private readonly WsSecurityValidator _wsSecurity;
    private readonly HttpDigestValidator _digest;
    private readonly VirtualCameraOptions _options;
    private readonly ILogger _logger;
    private int _snapshotsServed;
    private int _authenticationFailures;
    private string? _lastAuthenticationFailure;

    private VirtualCamera(WebApplication web, VirtualCameraOptions options, Uri baseUri, ILogger logger)
    {
        _web = web;
        _options = options;
        _logger = logger;
        BaseUri = baseUri;
        DeviceServiceUri = new Uri(baseUri, "/onvif/device_service");
        _soap = new VirtualCameraSoapService(options, baseUri.Host, baseUri.Port);
        _wsSecurity = new WsSecurityValidator(options.UserName, options.Password, options.TimestampTolerance);
        _digest = new HttpDigestValidator(options.UserName, options.Password);
        if (options.EnableDiscovery)
        {
            _discovery = new VirtualCameraDiscoveryResponder(options.BindAddress, options.DiscoveryPort, DeviceServiceUri, options.DiscoveryAnswerCopies, logger);
        }
    }

    /// <summary>http://127.0.0.1:port/ — where the camera listens.</summary>
    public Uri BaseUri { get; }

    /// <summary>The device service URL to connect to.</summary>
    public Uri DeviceServiceUri { get; }

    /// <summary>Where it answers WS-Discovery Probes (unicast), or null when discovery is off.</summary>
    public IPEndPoint? DiscoveryEndpoint => _discovery?.Endpoint;

    /// <summary>The options it runs with.</summary>
    public VirtualCameraOptions Options => _options;

    /// <summary>The camera's clock: the real one plus <see cref="VirtualCameraOptions.ClockOffset"/>.</summary>
    public DateTimeOffset CameraNow => _soap.CameraNow;

    /// <summary>Snapshots served (with valid credentials).</summary>
    public int SnapshotsServed => Volatile.Read(ref _snapshotsServed);

    /// <summary>GotoPreset orders accepted.</summary>
    public int GotoPresetCount => _soap.GotoPresetCount;

    /// <summary>The token of the last accepted GotoPreset.</summary>
    public string? LastGotoPresetToken => _soap.LastGotoPresetToken;

    /// <summary>The position of the last AbsoluteMove.</summary>
    public PtzPosition? LastAbsoluteMove => _soap.LastAbsoluteMove;

    /// <summary>Requests refused for their credentials (WS-Security or HTTP).</summary>
    public int AuthenticationFailures => Volatile.Read(ref _authenticationFailures);

    /// <summary>Why the last refused request was refused, e.g. "Created … is … s from the camera clock".</summary>
    public string? LastAuthenticationFailure => Volatile.Read(ref _lastAuthenticationFailure);

    /// <summary>Local names of the SOAP operations received, in order.</summary>
    public IReadOnlyList<string> ReceivedOperations => _soap.ReceivedOperations;

    /// <summary>WS-Discovery Probes answered.</summary>
    public int DiscoveryProbesAnswered => _discovery?.ProbesAnswered ?? 0;

    /// <summary>Starts a virtual camera; dispose it to stop it.</summary>
    public static async Task<VirtualCamera> StartAsync(VirtualCameraOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new VirtualCameraOptions();
        ILogger logger = (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger<VirtualCamera>();

        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(options.BindAddress, options.HttpPort));
        builder.Services.AddSingleton(options.LoggerFactory ?? NullLoggerFactory.Instance);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        WebApplication web = builder.Build();

        VirtualCamera? camera = null;
        web.Run(context =>
        {
            // Nobody knows the port before StartAsync returns, but a port scanner could still knock.
            if (Volatile.Read(ref camera) is not { } ready)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Task.CompletedTask;
            }

            return ready.HandleAsync(context);
        });
        await web.StartAsync(cancellationToken).ConfigureAwait(false);

        string address = web.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        Volatile.Write(ref camera, new VirtualCamera(web, options, new Uri(address), logger));
        logger.LogInformation("Virtual camera listening at {Uri} (discovery {Discovery})", camera.DeviceServiceUri, camera.DiscoveryEndpoint);
        return camera;
    }

    /// <summary>Stops the camera: afterwards connections are refused.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_discovery is not null)
        {
            await _discovery.DisposeAsync().ConfigureAwait(false);
        }

        await _web.StopAsync().ConfigureAwait(false);
        await _web.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        string target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        if (HttpMethods.IsGet(request.Method) && request.Path.Equals(SnapshotPath, StringComparison.Ordinal))
        {
            await ServeSnapshotAsync(context, target).ConfigureAwait(false);
            return;
        }

        if (HttpMethods.IsPost(request.Method) && request.Path.StartsWithSegments("/onvif", StringComparison.Ordinal))
        {
            await ServeSoapAsync(context, target).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync("<html><body><h1>404 Not Found</h1></body></html>", context.RequestAborted).ConfigureAwait(false);
    }

    private async Task ServeSnapshotAsync(HttpContext context, string target)
    {
        if (!CheckDigest(context, target))
        {
            await ChallengeAsync(context).ConfigureAwait(false);
            return;
        }

        int number = Interlocked.Increment(ref _snapshotsServed);
        byte[] jpeg = SnapshotImage.Create(number, CameraNow);
        context.Response.ContentType = "image/jpeg";
        context.Response.ContentLength = jpeg.Length;
        await context.Response.Body.WriteAsync(jpeg, context.RequestAborted).ConfigureAwait(false);
    }

    private async Task ServeSoapAsync(HttpContext context, string target)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        if (buffer.Length > MaxRequestBytes)
        {
            await ReplyAsync(context, new SoapReply(400, SoapFaultWriter.Create("Sender", ["BadRequest"], "Request too large."))).ConfigureAwait(false);
            return;
        }

        XElement envelope;
        XElement? operation;
        try
        {
            envelope = TolerantXmlParser.Parse(buffer.ToArray(), null, "request").Root!;
            operation = envelope.Child("Body")?.Elements().FirstOrDefault();
        }
        catch (OnvifProtocolException exception)
        {
            await ReplyAsync(context, new SoapReply(400, SoapFaultWriter.Create("Sender", ["WellFormed"], exception.Message))).ConfigureAwait(false);
            return;
        }

        if (operation is null)
        {
            await ReplyAsync(context, new SoapReply(400, SoapFaultWriter.Create("Sender", ["MissingAttr"], "The SOAP Body is empty."))).ConfigureAwait(false);
            return;
        }

        string name = operation.Name.LocalName;
        _soap.RecordReceived(name);
        if (!VirtualCameraSoapService.IsPreAuthenticated(name))
        {
            if (_options.RequireHttpDigest && !CheckDigest(context, target))
            {
                await ChallengeAsync(context).ConfigureAwait(false);
                return;
            }

            if (!_options.RequireHttpDigest && Refused(_wsSecurity.Validate(envelope, CameraNow), name))
            {
                await ReplyAsync(context, new SoapReply(400, SoapFaultWriter.Create("Sender", ["NotAuthorized"], "Sender not Authorized"))).ConfigureAwait(false);
                return;
            }
        }

        await ReplyAsync(context, _soap.Handle(operation)).ConfigureAwait(false);
    }

    private bool CheckDigest(HttpContext context, string target)
    {
        string? header = context.Request.Headers.Authorization.FirstOrDefault();
        string? why = _digest.Validate(header, context.Request.Method, target);
        if (why is null)
        {
            return true;
        }

        // A first request without credentials is how digest starts, not a failure.
        if (header is not null)
        {
            Refused(why, target);
        }

        return false;
    }

    private bool Refused(string? reason, string what)
    {
        if (reason is null)
        {
            return false;
        }

        Interlocked.Increment(ref _authenticationFailures);
        Volatile.Write(ref _lastAuthenticationFailure, reason);
        _logger.LogInformation("Refused {What}: {Reason}", what, reason);
        return true;
    }

    private async Task ChallengeAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        foreach (string challenge in _digest.CreateChallenges())
        {
            context.Response.Headers.Append("WWW-Authenticate", challenge);
        }

        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync("<html><body>401 Unauthorized</body></html>", context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task ReplyAsync(HttpContext context, SoapReply reply)
    {
        byte[] body = System.Text.Encoding.UTF8.GetBytes(reply.Body);
        context.Response.StatusCode = reply.StatusCode;
        context.Response.ContentType = "application/soap+xml; charset=utf-8";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
