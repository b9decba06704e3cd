using System.Security.Claims;
using Relay.Core.Accounts;
using Relay.Core.Audit;
using Relay.Web.Audit;

namespace Relay.Web.Accounts;

/// <summary>Account management, for administrators only (operators get 403). No account is ever deleted: a person who
/// leaves is disabled, so that the audit log keeps naming someone who existed.</summary>
public static class UserEndpoints
{
    public static void MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/users").WithTags("Accounts").RequireAuthorization(Roles.AdministratorPolicy);

        group.MapGet("", async (UserAccounts accounts, CancellationToken cancellationToken) =>
                Results.Ok((await accounts.ListAsync(cancellationToken).ConfigureAwait(false)).Select(UserResponse.From)))
            .WithSummary("List accounts")
            .Produces<IReadOnlyList<UserResponse>>()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("", async (HttpContext http, CreateUserRequest request, UserAccounts accounts, AuditTrail audit, CancellationToken cancellationToken) =>
            {
                var name = request.Name ?? "";
                try
                {
                    if (!await accounts.CreateAsync(name, request.Role ?? UserRole.Operator, request.Password ?? "", cancellationToken).ConfigureAwait(false))
                    {
                        return Results.Problem(statusCode: StatusCodes.Status409Conflict, detail: $"An account named '{name}' already exists.");
                    }
                }
                catch (ArgumentException ex)
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: ex.Message);
                }

                await audit.RecordAsync(http, AuditActions.UserCreate, AuditActions.UserTarget(name), $"role {SessionClaims.RoleName(request.Role ?? UserRole.Operator)}", cancellationToken: cancellationToken).ConfigureAwait(false);
                var created = await accounts.FindAsync(name, cancellationToken).ConfigureAwait(false);
                return Results.Created($"/api/users/{name}", UserResponse.From(created!));
            })
            .WithSummary("Create an account")
            .WithDescription("name: lower-case letters, digits, '.', '_' and '-'; role: operator (default) or administrator; password: at least 12 characters.")
            .Produces<UserResponse>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{name}/disable", (HttpContext http, string name, UserAccounts accounts, AuditTrail audit, CancellationToken cancellationToken) =>
                SetDisabledAsync(http, name, disabled: true, accounts, audit, cancellationToken))
            .WithSummary("Disable an account (its open sessions end at once)")
            .WithDescription("Refused for your own account and for the last enabled administrator.")
            .Produces<UserResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{name}/enable", (HttpContext http, string name, UserAccounts accounts, AuditTrail audit, CancellationToken cancellationToken) =>
                SetDisabledAsync(http, name, disabled: false, accounts, audit, cancellationToken))
            .WithSummary("Enable a disabled account")
            .Produces<UserResponse>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{name}/reset-password", async (HttpContext http, string name, ResetPasswordRequest request, UserAccounts accounts, AuditTrail audit, CancellationToken cancellationToken) =>
            {
                UserRecord? updated;
                try
                {
                    updated = await accounts.ResetPasswordAsync(name, request.Password ?? "", cancellationToken).ConfigureAwait(false);
                }
                catch (ArgumentException ex)
                {
                    return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: ex.Message);
                }

                if (updated is null)
                {
                    return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"No account named '{name}'.");
                }

                await audit.RecordAsync(http, AuditActions.UserResetPassword, AuditActions.UserTarget(name), cancellationToken: cancellationToken).ConfigureAwait(false);
                return Results.Ok(UserResponse.From(updated));
            })
            .WithSummary("Set a new password (the account's open sessions end; a lockout is lifted)")
            .Produces<UserResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    private static async Task<IResult> SetDisabledAsync(HttpContext http, string name, bool disabled, UserAccounts accounts, AuditTrail audit, CancellationToken cancellationToken)
    {
        if (await accounts.FindAsync(name, cancellationToken).ConfigureAwait(false) is not { } user)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"No account named '{name}'.");
        }

        if (disabled && name == http.User.FindFirstValue(ClaimTypes.Name))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "You cannot disable your own account.");
        }

        if (disabled && user.Role == UserRole.Administrator &&
            (await accounts.ListAsync(cancellationToken).ConfigureAwait(false)).Count(u => u.Role == UserRole.Administrator && !u.Disabled) <= 1)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "This is the last enabled administrator: enable or create another one first.");
        }

        var updated = await accounts.SetDisabledAsync(name, disabled, cancellationToken).ConfigureAwait(false);
        await audit.RecordAsync(http, disabled ? AuditActions.UserDisable : AuditActions.UserEnable, AuditActions.UserTarget(name), cancellationToken: cancellationToken).ConfigureAwait(false);
        return Results.Ok(UserResponse.From(updated!));
    }
}

public sealed record CreateUserRequest(string? Name, UserRole? Role, string? Password);

public sealed record ResetPasswordRequest(string? Password);

/// <summary>An account as administrators see it: never its password hash.</summary>
public sealed record UserResponse(string Name, UserRole Role, bool Disabled, DateTimeOffset CreatedAt, DateTimeOffset? LastLoginAt, DateTimeOffset? LockedUntil)
{
    public static UserResponse From(UserRecord user) => new(user.Name, user.Role, user.Disabled, user.CreatedAt, user.LastLoginAt, user.LockedUntil);
}
