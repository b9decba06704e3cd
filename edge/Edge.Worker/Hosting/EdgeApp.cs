using System.Text.Json;
using System.Text.Json.Serialization;
using Edge.Core.Configuration;
using Edge.Core.Configuration.Model;
using Edge.Core.Health;
using Edge.Core.Outbox;
using Edge.Core.Scenarios;
using Edge.Outbox;
using Edge.Uplink;
using Edge.Worker.Commands;
using Edge.Worker.Uplink;
using Edge.Worker.Actions;
using Edge.Worker.Hardware;
using Edge.Worker.SiteUpdates;
using Edge.Worker.Status;
using Edge.Worker.Systemd;
using Edge.Worker.Triggers;
using Edge.Worker.Virtual;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Options;

namespace Edge.Worker.Hosting;

/// <summary>The composition root of the box: the site file decides the hardware, the hardware and the outbox feed the engine.</summary>
public static class EdgeApp
{
    /// <summary>Where <c>provision device enroll</c> writes the box's uplink settings on a device.</summary>
    public const string DefaultSettingsFile = "/etc/panic-edge/edge.json";

    /// <summary>Builds the box's host. Throws <see cref="SiteFileException"/> with every problem if the site file is not usable.</summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);

        // The box's own settings written by the provisioning tool at enrolment (uplink host, certificate files), kept
        // apart from the published app so that an upgrade never overwrites them. The command line still wins.
        builder.Configuration.AddJsonFile(builder.Configuration["Edge:SettingsFile"] ?? DefaultSettingsFile, optional: true, reloadOnChange: false);
        builder.Configuration.AddCommandLine(args);
        builder.Host.UseSystemd();

        // UseSystemd registers the notifier only under systemd; the watchdog service checks IsEnabled itself.
        builder.Services.TryAddSingleton<ISystemdNotifier, SystemdNotifier>();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.AddOptions<EdgeOptions>().Bind(builder.Configuration.GetSection(EdgeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        configure?.Invoke(builder);

        var options = builder.Configuration.GetSection(EdgeOptions.Section).Get<EdgeOptions>() ?? new EdgeOptions();
        builder.WebHost.UseUrls(options.LocalApiUrl);
        var sitePath = SitePath(builder.Configuration, builder.Environment.ContentRootPath);
        var site = SiteFileLoader.Load(sitePath);
        EdgeStartupRules.Check(options, builder.Configuration.GetSection(UplinkOptions.Section).Get<UplinkOptions>() ?? new UplinkOptions(), site.Site);

        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(site.Site);
        services.AddSingleton(sp => SiteHardware.Open(site.Site, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<IOutbox>(sp => LiteDbOutbox.Open(
            Path.Combine(Path.GetFullPath(sp.GetRequiredService<IOptions<EdgeOptions>>().Value.DataDirectory, builder.Environment.ContentRootPath), "outbox.db"),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<LiteDbOutbox>>()));
        services.AddSingleton(sp => new SecretStore(sp.GetRequiredService<IOptions<EdgeOptions>>().Value.SecretsDirectory));
        services.AddSingleton<FaultRegistry>();
        services.AddSingleton<LinkStatus>();
        services.AddSingleton<IAlertAction>(sp => new SignalAction(OutputKind.Siren, sp.GetRequiredService<SiteHardware>()));
        services.AddSingleton<IAlertAction>(sp => new SignalAction(OutputKind.Strobe, sp.GetRequiredService<SiteHardware>()));
        services.AddCameraAction();
        services.AddCallAction();
        services.AddSingleton(sp => new ScenarioEngine(
            site.Site,
            sp.GetRequiredService<IOutbox>(),
            sp.GetServices<IAlertAction>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<ScenarioEngine>>()));

        // Start order matters: the LED first (outputs are already off), then the triggers, then the rest.
        services.AddSingleton<StatusIndicator>();
        services.AddHostedService(sp => sp.GetRequiredService<StatusIndicator>());
        services.AddSingleton<TriggerService>();
        services.AddHostedService(sp => sp.GetRequiredService<TriggerService>());
        services.AddHostedService<StorageMonitor>();
        services.AddOptions<UplinkOptions>().Bind(builder.Configuration.GetSection(UplinkOptions.Section));
        services.AddSingleton(new SiteFilePaths(sitePath));
        services.AddSingleton<SiteUpdater>();
        services.AddHostedService(sp => sp.GetRequiredService<SiteUpdater>());
        services.AddSingleton<CommandHandler>();
        services.AddSingleton<UplinkService>();
        services.AddHostedService(sp => sp.GetRequiredService<UplinkService>());
        services.AddHostedService<SystemdWatchdogService>();

        var app = builder.Build();
        foreach (var warning in site.Warnings)
        {
            app.Logger.LogWarning("{Problem}", warning.ToString());
        }

        var hardware = app.Services.GetRequiredService<SiteHardware>();
        app.MapStatusEndpoints();
        app.MapVirtualButtonEndpoints(hardware);
        app.Lifetime.ApplicationStopped.Register(() => app.Logger.LogInformation("Stopped; every output is off."));
        return app;
    }

    /// <summary>The site file's full path: <c>Edge:SiteFile</c>, relative to the content root.</summary>
    public static string SitePath(IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(EdgeOptions.Section).Get<EdgeOptions>() ?? new EdgeOptions();
        return Path.GetFullPath(options.SiteFile, contentRoot);
    }
}
