using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Relay.Core.Accounts;
using Relay.Core.Alerts;
using Relay.Core.Audit;
using Relay.Core.Certificates;
using Relay.Core.Commands;
using Relay.Core.Devices;
using Relay.Core.Enrolment;
using Relay.Core.Ingest;
using Relay.Core.Retention;
using Relay.Core.Sites;
using Relay.Core.Storage;

namespace Relay.Core;

public static class RelayCoreServices
{
    /// <summary>
    /// Registers the store (LiteDB), device accounts, commands, site state, the ingest processor, and the relay's CA,
    /// certificates and enrolment. Options are bound by the host; their validators are registered here.
    /// </summary>
    public static IServiceCollection AddRelayCore(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IValidateOptions<StoreOptions>, StoreOptionsValidator>();
        services.AddSingleton<IValidateOptions<SiteOptions>, SiteOptionsValidator>();
        services.AddSingleton<IValidateOptions<CommandOptions>, CommandOptionsValidator>();
        services.AddSingleton<IValidateOptions<ConfiguredDevicesOptions>, ConfiguredDevicesValidator>();
        services.AddSingleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>();
        services.AddSingleton<IValidateOptions<TlsOptions>, TlsOptionsValidator>();
        services.AddSingleton<IValidateOptions<EnrolmentOptions>, EnrolmentOptionsValidator>();

        services.AddSingleton(sp => LiteDbRelayStore.Open(
            sp.GetRequiredService<IOptions<StoreOptions>>().Value.FullPath,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<LiteDbRelayStore>>()));
        services.AddSingleton<IAlertStore>(sp => sp.GetRequiredService<LiteDbRelayStore>());
        services.AddSingleton<IDeviceStore>(sp => sp.GetRequiredService<LiteDbRelayStore>());
        services.AddSingleton<ICommandStore>(sp => sp.GetRequiredService<LiteDbRelayStore>());
        services.AddSingleton<IUserStore>(sp => sp.GetRequiredService<LiteDbRelayStore>());
        services.AddSingleton<IAuditLog>(sp => sp.GetRequiredService<LiteDbRelayStore>());
        services.AddSingleton<ICertificateStore>(sp => sp.GetRequiredService<LiteDbRelayStore>());
        services.AddSingleton<IEnrolmentStore>(sp => sp.GetRequiredService<LiteDbRelayStore>());

        // The CA and server certificate are made (first start) or loaded when first needed: by the broker's TLS
        // endpoint, Kestrel's HTTPS, or an enrolment.
        services.AddSingleton(sp => TlsFiles.LoadOrCreate(
            sp.GetRequiredService<IOptions<TlsOptions>>().Value,
            sp.GetRequiredService<IOptions<StoreOptions>>().Value.FullPath,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Relay.Tls")));
        services.AddSingleton<RevocationList>();
        services.AddSingleton<DeviceCertificates>();
        services.AddSingleton<DeviceCertificateVerifier>();
        services.AddSingleton<DeviceEnrolment>();

        services.AddSingleton<DeviceAccounts>();
        services.AddSingleton<CommandLedger>();
        services.AddSingleton<SiteStateTracker>();
        services.AddSingleton<IngestCounters>();
        services.AddSingleton<IngestProcessor>();
        return services;
    }
}
