using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Relay.Core.Accounts;
using Relay.Core.Audit;
using Relay.Web.Audit;

namespace Relay.Web.Accounts;

/// <summary>
/// Sessions of the crisis cell: an HttpOnly, SameSite=Strict cookie carrying the signed-in name, role and security
/// stamp, sliding over <see cref="AuthOptions.SessionTimeout"/> on the relay's <see cref="TimeProvider"/>. Every
/// request re-checks the account (it still exists, is enabled, and its stamp is the one the session was issued
/// with), so that disabling an account or resetting its password ends its sessions at once. API calls get 401/403,
/// pages are redirected to the login page.
/// </summary>
public static class CookieSessions
{
    public const string CookieName = "relay.session";

    public const string AntiforgeryCookieName = "relay.af";

    /// <summary>The header the dashboard sends the antiforgery request token in.</summary>
    public const string AntiforgeryHeader = "X-CSRF-TOKEN";

    public static IServiceCollection AddRelaySessions(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateOnStart();
        services.AddSingleton<UserAccounts>();

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((cookie, auth) =>
            {
                cookie.Cookie.Name = CookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Strict;
                cookie.Cookie.SecurePolicy = auth.Value.CookieSecure;
                cookie.Cookie.IsEssential = true;
                cookie.ExpireTimeSpan = auth.Value.SessionTimeout;
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/login";
                cookie.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = ValidateAccountAsync,
                    OnRedirectToLogin = context => ApiOrRedirect(context, StatusCodes.Status401Unauthorized),
                    OnRedirectToAccessDenied = async context =>
                    {
                        var audit = context.HttpContext.RequestServices.GetRequiredService<AuditTrail>();
                        await audit.RecordAsync(context.HttpContext, AuditActions.AccessDenied, detail: $"{context.Request.Method} {context.Request.Path}").ConfigureAwait(false);
                        await ApiOrRedirect(context, StatusCodes.Status403Forbidden).ConfigureAwait(false);
                    },
                };
            });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Roles.AdministratorPolicy, policy => policy.RequireRole(Roles.Administrator));

        services.AddAntiforgery(options =>
        {
            options.HeaderName = AntiforgeryHeader;
            options.Cookie.Name = AntiforgeryCookieName;
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.HttpOnly = true;
        });
        services.AddOptions<Microsoft.AspNetCore.Antiforgery.AntiforgeryOptions>()
            .Configure<IOptions<AuthOptions>>((antiforgery, auth) => antiforgery.Cookie.SecurePolicy = auth.Value.CookieSecure);
        return services;
    }

    private static async Task ValidateAccountAsync(CookieValidatePrincipalContext context)
    {
        var name = context.Principal?.FindFirstValue(ClaimTypes.Name);
        var stamp = context.Principal?.FindFirstValue(SessionClaims.SecurityStamp);
        var store = context.HttpContext.RequestServices.GetRequiredService<IUserStore>();
        var user = name is null ? null : await store.FindUserAsync(name, context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (user is null || user.Disabled || user.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        }
    }

    private static Task ApiOrRedirect(RedirectContext<CookieAuthenticationOptions> context, int apiStatus)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.StatusCode = apiStatus;
            return context.Response.WriteAsJsonAsync(
                new { title = apiStatus == 401 ? "Unauthorized" : "Forbidden", status = apiStatus, detail = apiStatus == 401 ? "Sign in first (POST /api/session/login)." : "Your role does not allow this." },
                options: null,
                contentType: "application/problem+json");
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
