using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Relay.Core;
using Relay.Core.Alerts;
using Relay.Core.Certificates;
using Relay.Core.Commands;
using Relay.Core.Devices;
using Relay.Core.Enrolment;
using Relay.Core.Retention;
using Relay.Core.Sites;
using Relay.Core.Storage;
using Relay.Ingest;
using Relay.Ingest.Broker;
using Relay.Web.Accounts;
using Relay.Web.Api;
using Relay.Web.Audit;
using Relay.Web.Commands;
using Relay.Web.Dashboard;
using Relay.Web.Devices;
using Relay.Web.Enrolment;
using Relay.Web.Hosting.Https;
using Relay.Web.Hosting.ProductionMode;
using Relay.Web.Retention;

namespace Relay.Web.Hosting;

/// <summary>
/// Builds the relay: embedded broker (or external broker client), store, ingest, accounts and sessions, the crisis
/// cell's dashboard and HTTP API, snapshot retention, and the boxes' identities (CA, enrolment, TLS, revocation).
/// Tests start it in-process with <c>--urls=http://127.0.0.1:0</c>, <c>--Relay:Broker:Port=0</c> (and, for boxes with
/// certificates, <c>--Relay:Broker:TlsEnabled=true --Relay:Broker:TlsPort=0</c>) and a temporary
/// <c>--Relay:Store:Path</c>, then read the bound addresses with
/// <see cref="HttpAddress"/>, <see cref="MqttEndPoint"/> and <see cref="MqttTlsEndPoint"/>.
/// In <see cref="RelayMode.Production"/> it refuses (<see cref="RelayConfigurationException"/>) any plain-text
/// listener outside loopback.
/// </summary>
public static partial class RelayApp
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,

            // appsettings.json ships next to the binary; the store's relative path is still taken from the working
            // directory (see StoreOptions).
            ContentRootPath = AppContext.BaseDirectory,
        });

        var relayMode = ReadRelayMode(builder.Configuration);
        var mode = ReadBrokerMode(builder.Configuration);
        var urls = PlainUrls(builder.Configuration);
        if (!HasListenAddressConfigured(builder.Configuration))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var https = builder.Configuration.GetSection(HttpsOptions.Section).Get<HttpsOptions>() ?? new HttpsOptions();
        RelayHttps.Configure(builder, urls, https);
        if (relayMode == RelayMode.Production)
        {
            EnforceProductionRules(builder.Configuration, urls);
        }

        var services = builder.Services;
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section).ValidateOnStart();
        services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section).ValidateOnStart();
        services.AddOptions<CommandOptions>().BindConfiguration(CommandOptions.Section).ValidateOnStart();
        services.AddOptions<BrokerOptions>().BindConfiguration(BrokerOptions.Section).ValidateOnStart();
        services.AddOptions<ConfiguredDevicesOptions>()
            .Configure<IConfiguration>((options, configuration) => configuration.GetSection(ConfiguredDevicesOptions.Section).Bind(options.Devices))
            .ValidateOnStart();

        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateOnStart();
        services.AddOptions<TlsOptions>().BindConfiguration(TlsOptions.Section).ValidateOnStart();
        services.AddOptions<EnrolmentOptions>().BindConfiguration(EnrolmentOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateOnStart();

        services.AddRelayCore();
        services.AddRelaySessions();
        if (relayMode == RelayMode.Production)
        {
            // Session and antiforgery cookies never travel in clear (browsers accept Secure cookies on http://localhost).
            services.PostConfigure<AuthOptions>(auth => auth.CookieSecure = CookieSecurePolicy.Always);

            // Boxes reach a production relay over MQTT over TLS only, so its endpoint is on unless said otherwise.
            if (builder.Configuration[$"{BrokerOptions.Section}:{nameof(BrokerOptions.TlsEnabled)}"] is null)
            {
                services.PostConfigure<BrokerOptions>(broker => broker.TlsEnabled = true);
            }
        }

        services.AddEnrolmentRateLimit();
        services.AddSingleton<DashboardFeed>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<SiteViews>();
        services.AddSingleton<CrisisCellActions>();
        services.AddSingleton<SnapshotRetention>();

        // Before ingest starts: configured devices must exist when the broker opens to devices. After it: the feed
        // (no browser can be connected before the relay is up anyway).
        services.AddHostedService<ConfiguredDevicesSeeder>();
        services.AddHostedService<AdministratorBootstrap>();
        services.AddRelayIngest(mode);
        services.AddHostedService<FeedPump>();
        services.AddHostedService(sp => sp.GetRequiredService<SnapshotRetention>());
        services.AddOpenApi(options => options.AddDocumentTransformer<ApiDescription>());

        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        });

        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseDashboardAssets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapHealthEndpoints();

        // The boxes' enrolment: no session and no antiforgery token (no cookie is involved); the code is the credential.
        app.MapEnrolmentEndpoints();
        app.MapOpenApi().AllowAnonymous();
        app.MapDashboardPages();

        // Everything under /api needs a session (the fallback policy), and every state-changing call an antiforgery token.
        var api = app.MapGroup("");
        api.AddEndpointFilter<AntiforgeryFilter>();
        api.MapSessionEndpoints();
        api.MapSiteEndpoints();
        api.MapAlertEndpoints();
        api.MapCommandEndpoints();
        api.MapAuditEndpoints();
        api.MapUserEndpoints();
        api.MapDeviceEndpoints();
        api.MapFeedEndpoints();
        app.Lifetime.ApplicationStarted.Register(() => ReportWhereThingsAre(app));
        return app;
    }

    /// <summary>The first HTTP address actually bound (the real port when 0 was asked for).</summary>
    public static Uri HttpAddress(this WebApplication app) => new(app.Urls.First());

    /// <summary>The first HTTPS address actually bound, or null.</summary>
    public static Uri? HttpsAddress(this WebApplication app) =>
        app.Urls.FirstOrDefault(u => u.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) is { } url ? new Uri(url) : null;

    /// <summary>The embedded broker's bound endpoint; null in external mode.</summary>
    public static System.Net.IPEndPoint? MqttEndPoint(this WebApplication app) =>
        app.Services.GetService<EmbeddedBroker>()?.BoundEndPoint;

    /// <summary>The embedded broker's TLS endpoint (boxes with certificates); null when off or in external mode.</summary>
    public static System.Net.IPEndPoint? MqttTlsEndPoint(this WebApplication app) =>
        app.Services.GetService<EmbeddedBroker>()?.BoundTlsEndPoint;

    private static bool HasListenAddressConfigured(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration["urls"]) ||
        !string.IsNullOrEmpty(configuration["http_ports"]) ||
        !string.IsNullOrEmpty(configuration["https_ports"]) ||
        configuration.GetSection("Kestrel:Endpoints").Exists();

    /// <summary>The plain and https URLs Kestrel is given by <c>urls</c> (or <c>http_ports</c>), else the default.</summary>
    private static List<string> PlainUrls(IConfiguration configuration)
    {
        if (configuration["urls"] is { Length: > 0 } urls)
        {
            return [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }

        if (configuration["http_ports"] is { Length: > 0 } ports)
        {
            return [.. ports.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => $"http://*:{p}")];
        }

        return HasListenAddressConfigured(configuration) ? [] : [DefaultUrl];
    }

    private static void EnforceProductionRules(IConfiguration configuration, List<string> urls)
    {
        var addresses = urls
            .Concat(configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).OfType<string>())
            .Select(ListenAddress.Parse)
            .ToList();
        var broker = configuration.GetSection(BrokerOptions.Section).Get<BrokerOptions>() ?? new BrokerOptions();
        var problems = ProductionRules.Violations(addresses, !string.IsNullOrEmpty(configuration["http_ports"]) && string.IsNullOrEmpty(configuration["urls"]), broker);
        if (problems.Count > 0)
        {
            throw new RelayConfigurationException(
                "Relay:Mode is Production and the relay would accept plain text from the network; it does not start:" + Environment.NewLine +
                string.Join(Environment.NewLine, problems.Select(p => "  - " + p)) + Environment.NewLine +
                "(Plain HTTP and plain MQTT are allowed on loopback only. Relay:Mode=Demo lifts this check.)");
        }
    }

    private static RelayMode ReadRelayMode(IConfiguration configuration)
    {
        var value = configuration["Relay:Mode"];
        if (string.IsNullOrEmpty(value))
        {
            return RelayMode.Demo;
        }

        return Enum.TryParse<RelayMode>(value, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? mode
            : throw new RelayConfigurationException($"Relay:Mode must be Demo or Production (got '{value}').");
    }

    private static BrokerMode ReadBrokerMode(IConfiguration configuration)
    {
        var value = configuration[$"{BrokerOptions.Section}:Mode"];
        if (string.IsNullOrEmpty(value))
        {
            return BrokerMode.Embedded;
        }

        return Enum.TryParse<BrokerMode>(value, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? mode
            : throw new OptionsValidationException(BrokerOptions.Section, typeof(BrokerOptions),
                [$"{BrokerOptions.Section}:Mode must be Embedded or External (got '{value}')."]);
    }

    private static void ReportWhereThingsAre(WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Relay");
        var broker = app.Services.GetRequiredService<IBroker>();
        var store = app.Services.GetRequiredService<IAlertStore>();
        var devices = app.Services.GetRequiredService<IDeviceStore>().ListDevicesAsync(CancellationToken.None).GetAwaiter().GetResult();
        var tls = app.Services.GetRequiredService<TlsMaterial>();
        LogReady(logger, string.Join(", ", app.Urls), broker.Mode.ToString(), broker.Endpoint, store.Health.Path, devices.Count);
        var relayMode = ReadRelayMode(app.Configuration);
        LogSecurity(logger, relayMode.ToString(), broker.TlsEndpoint ?? "off", tls.Authority.Fingerprint, tls.Directory);
        if (relayMode == RelayMode.Production && app.HttpsAddress() is null)
        {
            // Not a refusal: a production relay may sit behind a TLS reverse proxy on this machine.
            LogNoHttps(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Relay ready. Dashboard and HTTP API: {Urls} (sign in at /login; GET /health, /openapi/v1.json). MQTT broker ({Mode}): {Broker}. Store: {Store}. Registered devices: {Devices}")]
    private static partial void LogReady(ILogger logger, string urls, string mode, string broker, string store, int devices);

    [LoggerMessage(Level = LogLevel.Information, Message = "Relay mode: {RelayMode}. MQTT over TLS for boxes (client certificates): {TlsEndpoint}. Relay CA: {Fingerprint} (files in {Directory}). Enrol boxes at POST /api/enroll")]
    private static partial void LogSecurity(ILogger logger, string relayMode, string tlsEndpoint, string fingerprint, string directory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Production mode without HTTPS (Relay:Https:Port): the dashboard and enrolment are reachable on loopback only")]
    private static partial void LogNoHttps(ILogger logger);
}
