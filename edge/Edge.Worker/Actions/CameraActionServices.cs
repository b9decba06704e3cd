using Edge.Core.Scenarios;
using Edge.Worker.Actions.Cameras;
using Hardware.Onvif;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Edge.Worker.Actions;

public static class CameraActionServices
{
    /// <summary>
    /// Adds the scenario's camera action, with one <see cref="OnvifClient"/> (and its HTTP client) for the box and one
    /// connection kept per camera. Needs the <see cref="Edge.Core.Configuration.Model.SiteFile"/>, the
    /// <see cref="Hosting.SecretStore"/> and a <see cref="TimeProvider"/> registered. Calling it twice adds it once.
    /// </summary>
    public static IServiceCollection AddCameraAction(this IServiceCollection services)
    {
        // The client's own HttpClient is the right one for cameras: no redirects, no cookies, a short connect timeout.
        services.TryAddSingleton(sp => new OnvifClient(
            httpClient: null,
            new OnvifClientOptions(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.TryAddSingleton<CameraConnections>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertAction, CameraAction>());
        return services;
    }
}
