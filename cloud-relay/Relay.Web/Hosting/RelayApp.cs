using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Relay.Core;
using Relay.Core.Alerts;
using Relay.Core.Commands;
using Relay.Core.Devices;
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
using Relay.Web.Retention;

namespace Relay.Web.Hosting;

/// <summary>
/// Builds the relay: embedded broker (or external broker client), store, ingest, accounts and sessions, the crisis
/// cell's dashboard and HTTP API, snapshot retention. Tests start it
/// in-process with <c>--urls=http://127.0.0.1:0</c>, <c>--Relay:Broker:Port=0</c> and a temporary
/// <c>--Relay:Store:Path</c>, then read the bound addresses with <see cref="HttpAddress"/> and <see cref="MqttEndPoint"/>.
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

        if (!HasListenAddressConfigured(builder.Configuration))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        var mode = ReadBrokerMode(builder.Configuration);
        var services = builder.Services;
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section).ValidateOnStart();
        services.AddOptions<SiteOptions>().BindConfiguration(SiteOptions.Section).ValidateOnStart();
        services.AddOptions<CommandOptions>().BindConfiguration(CommandOptions.Section).ValidateOnStart();
        services.AddOptions<BrokerOptions>().BindConfiguration(BrokerOptions.Section).ValidateOnStart();
        services.AddOptions<ConfiguredDevicesOptions>()
            .Configure<IConfiguration>((options, configuration) => configuration.GetSection(ConfiguredDevicesOptions.Section).Bind(options.Devices))
            .ValidateOnStart();

        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.Section).ValidateOnStart();

        services.AddRelayCore();
        services.AddRelaySessions();
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

        app.MapHealthEndpoints();
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
        api.MapFeedEndpoints();
        app.Lifetime.ApplicationStarted.Register(() => ReportWhereThingsAre(app));
        return app;
    }

    /// <summary>The first HTTP address actually bound (the real port when 0 was asked for).</summary>
    public static Uri HttpAddress(this WebApplication app) => new(app.Urls.First());

    /// <summary>The embedded broker's bound endpoint; null in external mode.</summary>
    public static System.Net.IPEndPoint? MqttEndPoint(this WebApplication app) =>
        app.Services.GetService<EmbeddedBroker>()?.BoundEndPoint;

    private static bool HasListenAddressConfigured(IConfiguration configuration) =>
        !string.IsNullOrEmpty(configuration["urls"]) ||
        !string.IsNullOrEmpty(configuration["http_ports"]) ||
        !string.IsNullOrEmpty(configuration["https_ports"]) ||
        configuration.GetSection("Kestrel:Endpoints").Exists();

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
        LogReady(logger, string.Join(", ", app.Urls), broker.Mode.ToString(), broker.Endpoint, store.Health.Path, devices.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Relay ready. Dashboard and HTTP API: {Urls} (sign in at /login; GET /health, /openapi/v1.json). MQTT broker ({Mode}): {Broker}. Store: {Store}. Registered devices: {Devices}")]
    private static partial void LogReady(ILogger logger, string urls, string mode, string broker, string store, int devices);
}
