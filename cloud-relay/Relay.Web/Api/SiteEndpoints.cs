namespace Relay.Web.Api;

public static class SiteEndpoints
{
    /// <summary><c>GET /api/sites</c>: every registered device with its live state, ordered by site then device.</summary>
    public static void MapSiteEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/sites", async (SiteViews views, CancellationToken cancellationToken) =>
                Results.Ok(await views.AllAsync(cancellationToken).ConfigureAwait(false)))
            .WithTags("Sites")
            .WithSummary("Every registered box with its live state")
            .WithDescription("Ordered by site then device. state is unknown, online, offline (said so, Last Will, or silent for longer than the supervision window) or alerting (an uncleared alert within the alerting window). Times are the relay's clock; sequence.gaps lists events the box has sent that have not arrived yet.")
            .Produces<IReadOnlyList<SiteResponse>>();
}
