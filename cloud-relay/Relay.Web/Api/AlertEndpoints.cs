using Edge.Contracts.Topics;
using Relay.Core.Alerts;

namespace Relay.Web.Api;

public static class AlertEndpoints
{
    public static void MapAlertEndpoints(this IEndpointRouteBuilder app)
    {
        // GET /api/alerts?limit=50&site=mairie-centre: newest first (by time of press).
        app.MapGet("/api/alerts", async (IAlertStore alerts, int? limit, string? site, CancellationToken cancellationToken) =>
        {
            if (limit is < 1)
            {
                return Results.Problem(statusCode: 400, detail: $"limit must be between 1 and {AlertQuery.MaxLimit}.");
            }

            if (site is not null && !Identifiers.IsValid(site))
            {
                return Results.Problem(statusCode: 400, detail: $"site must be {Identifiers.Rule}.");
            }

            var query = new AlertQuery(Math.Min(limit ?? AlertQuery.DefaultLimit, AlertQuery.MaxLimit), site);
            var views = await alerts.GetAlertsAsync(query, cancellationToken).ConfigureAwait(false);
            return Results.Ok(views.Select(AlertResponse.From));
        })
        .WithTags("Alerts")
        .WithSummary("Alerts, newest first (by time of press), each with its events in seq order")
        .WithDescription("limit: 1 to 500 (default 50); site: only that site's alerts.")
        .Produces<IReadOnlyList<AlertResponse>>()
        .ProducesProblem(StatusCodes.Status400BadRequest);

        app.MapGet("/api/alerts/{alertId:guid}", async (Guid alertId, IAlertStore alerts, CancellationToken cancellationToken) =>
            await alerts.GetAlertAsync(alertId, cancellationToken).ConfigureAwait(false) is { } view
                ? Results.Ok(AlertResponse.From(view))
                : Results.Problem(statusCode: 404, detail: $"No alert {alertId}."))
            .WithTags("Alerts")
            .WithSummary("One alert with its events")
            .Produces<AlertResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/alerts/{alertId:guid}/snapshots", async (Guid alertId, IAlertStore alerts, CancellationToken cancellationToken) =>
        {
            if (await alerts.GetAlertAsync(alertId, cancellationToken).ConfigureAwait(false) is null &&
                (await alerts.GetSnapshotsAsync(alertId, cancellationToken).ConfigureAwait(false)).Count == 0)
            {
                return Results.Problem(statusCode: 404, detail: $"No alert {alertId}.");
            }

            var snapshots = await alerts.GetSnapshotsAsync(alertId, cancellationToken).ConfigureAwait(false);
            return Results.Ok(snapshots.Select(s => new SnapshotResponse(s.Index, s.Size, s.ReceivedAt, $"/api/alerts/{alertId}/snapshots/{s.Index}")));
        })
        .WithTags("Alerts")
        .WithSummary("The snapshots of an alert still kept (older ones are removed after the retention period)")
        .Produces<IReadOnlyList<SnapshotResponse>>()
        .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/alerts/{alertId:guid}/snapshots/{index:int}", async (Guid alertId, int index, IAlertStore alerts, CancellationToken cancellationToken) =>
            await alerts.GetSnapshotAsync(alertId, index, cancellationToken).ConfigureAwait(false) is { } jpeg
                ? Results.File(jpeg, "image/jpeg")
                : Results.Problem(statusCode: 404, detail: $"No snapshot {index} for alert {alertId}."))
            .WithTags("Alerts")
            .WithSummary("Snapshot n of an alert (JPEG)")
            .Produces(StatusCodes.Status200OK, contentType: "image/jpeg")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
