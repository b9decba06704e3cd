using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Relay.Core.Accounts;
using Relay.Core.Audit;
using Relay.Core.Retention;
using Relay.Web.Audit;

namespace Relay.Web.Accounts;

public static class SessionEndpoints
{
    public static void MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/session").WithTags("Session");

        group.MapGet("", (HttpContext http, IAntiforgery antiforgery, IOptions<AuthOptions> auth, IOptions<RetentionOptions> retention, TimeProvider timeProvider) =>
                Results.Ok(Describe(http, antiforgery, auth.Value, retention.Value, timeProvider)))
            .AllowAnonymous()
            .WithSummary("Who is signed in, and the antiforgery token to send with state-changing requests")
            .WithDescription("Open to everyone: the login page needs the token too. Send the token back in the X-CSRF-TOKEN header of every POST.")
            .Produces<SessionResponse>();

        group.MapPost("/login", async (HttpContext http, LoginRequest request, UserAccounts accounts, AuditTrail audit, IAntiforgery antiforgery,
                IOptions<AuthOptions> auth, IOptions<RetentionOptions> retention, TimeProvider timeProvider, CancellationToken cancellationToken) =>
            {
                var result = await accounts.SignInAsync(request.User, request.Password, cancellationToken).ConfigureAwait(false);
                if (result.Outcome != SignInOutcome.Succeeded)
                {
                    var (code, detail) = result.Outcome switch
                    {
                        SignInOutcome.LockedOut => ("locked-out", $"Too many wrong passwords: try again after {result.LockedUntil:O}."),
                        SignInOutcome.Disabled => ("disabled", "This account is disabled; ask an administrator."),
                        _ => ("wrong-credentials", "Wrong user name or password."),
                    };
                    await audit.RecordAsync(http, AuditActions.LoginFailed, AttemptedTarget(request.User), code, actor: AttemptedActor(request.User), cancellationToken: cancellationToken).ConfigureAwait(false);
                    return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in refused", detail: detail,
                        extensions: new Dictionary<string, object?> { ["code"] = code });
                }

                var principal = SessionClaims.For(result.User!);
                await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal).ConfigureAwait(false);
                http.User = principal;
                await audit.RecordAsync(http, AuditActions.Login, UserNames.IsValid(result.User!.Name) ? AuditActions.UserTarget(result.User.Name) : null, cancellationToken: cancellationToken).ConfigureAwait(false);
                return Results.Ok(Describe(http, antiforgery, auth.Value, retention.Value, timeProvider));
            })
            .AllowAnonymous()
            .WithSummary("Sign in")
            .WithDescription("Sets the session cookie (HttpOnly, SameSite=Strict, sliding expiry). 401 with code wrong-credentials, disabled or locked-out (too many wrong passwords in a row). Every attempt is audited.")
            .Produces<SessionResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapPost("/logout", async (HttpContext http, AuditTrail audit, CancellationToken cancellationToken) =>
            {
                await audit.RecordAsync(http, AuditActions.Logout, cancellationToken: cancellationToken).ConfigureAwait(false);
                await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
                return Results.NoContent();
            })
            .WithSummary("Sign out")
            .Produces(StatusCodes.Status204NoContent);
    }

    private static SessionResponse Describe(HttpContext http, IAntiforgery antiforgery, AuthOptions auth, RetentionOptions retention, TimeProvider timeProvider)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        var signedIn = http.User.Identity?.IsAuthenticated == true;
        return new SessionResponse(
            signedIn,
            signedIn ? http.User.FindFirstValue(ClaimTypes.Name) : null,
            signedIn ? http.User.FindFirstValue(ClaimTypes.Role) : null,
            tokens.RequestToken!,
            (int)auth.SessionTimeout.TotalSeconds,
            retention.Snapshots.TotalDays,
            timeProvider.GetUtcNow());
    }

    // What someone typed as a name is recorded only if it could be a name: a password typed in the wrong field must
    // not end up in the audit log.
    private static string AttemptedActor(string? name) => UserNames.IsValid(name) ? name! : "(invalid name)";

    private static string? AttemptedTarget(string? name) => UserNames.IsValid(name) ? AuditActions.UserTarget(name!) : null;
}

public sealed record LoginRequest(string? User, string? Password);

/// <summary><see cref="Role"/>: operator or administrator. <see cref="AntiforgeryToken"/>: send it in the X-CSRF-TOKEN
/// header of state-changing requests. <see cref="ServerTime"/> lets the page show "12 s ago" right whatever the PC's clock.</summary>
public sealed record SessionResponse(
    bool Authenticated,
    string? User,
    string? Role,
    string AntiforgeryToken,
    int SessionTimeoutSeconds,
    double SnapshotRetentionDays,
    DateTimeOffset ServerTime);
