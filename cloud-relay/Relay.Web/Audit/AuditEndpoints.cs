using Relay.Core.Audit;

namespace Relay.Web.Audit;

/// <summary>Reading the audit log. There is no endpoint that changes or removes an entry, and there never should be.</summary>
public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit");

        group.MapGet("", async (IAuditLog log, int? limit, long? before, string? action, string? target, string? actor, CancellationToken cancellationToken) =>
        {
            if (limit is < 1)
            {
                return Results.Problem(statusCode: 400, detail: $"limit must be between 1 and {AuditQuery.MaxLimit}.");
            }

            var query = new AuditQuery(Math.Min(limit ?? AuditQuery.DefaultLimit, AuditQuery.MaxLimit), before, action, target, actor);
            return Results.Ok(await log.QueryAsync(query, cancellationToken).ConfigureAwait(false));
        })
        .WithSummary("Audit log, newest first")
        .WithDescription("Who did what, when, from where (remote address, user agent), to what. Filters are exact: action (login, login-failed, logout, access-denied, acknowledge, silence-siren, close, drill-start, drill-stop, user-create, user-disable, user-enable, user-reset-password, snapshots-purged), target (alert:{id}, site:{site}, user:{name}), actor. Page backwards with before={seq}. Read-only: the log cannot be edited or deleted through the API.")
        .Produces<IReadOnlyList<AuditEntry>>()
        .ProducesProblem(StatusCodes.Status400BadRequest);

        group.MapGet("/integrity", async (IAuditLog log, CancellationToken cancellationToken) =>
        {
            var broken = await log.FindFirstBrokenLinkAsync(cancellationToken).ConfigureAwait(false);
            return Results.Ok(new AuditIntegrityResponse(broken is null, broken));
        })
        .WithSummary("Checks the audit log's hash chain")
        .WithDescription("Each entry holds the hash of the one before; an entry changed or removed in the store file by other means breaks the chain from there.")
        .Produces<AuditIntegrityResponse>();
    }
}

public sealed record AuditIntegrityResponse(bool Intact, long? FirstBrokenSeq);
