using Edge.Core.Scenarios;
using Edge.Worker.Actions.Calls;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Edge.Worker.Actions;

public static class CallActionServices
{
    /// <summary>
    /// Adds the scenario's call action, the box's one SIP phone (<see cref="SitePhone"/>) and the service that
    /// registers it at start when the site file asks for it. Needs the site file, the secret store, the fault
    /// registry, the engine and the trigger service registered. Calling it twice adds it once.
    /// </summary>
    public static IServiceCollection AddCallAction(this IServiceCollection services)
    {
        services.TryAddSingleton<SitePhone>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertAction, CallAction>());
        services.AddHostedService<SipRegistrationService>();
        return services;
    }
}
